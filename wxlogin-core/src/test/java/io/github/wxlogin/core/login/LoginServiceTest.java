package io.github.wxlogin.core.login;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP_2;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.session.InMemorySessionStore;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.User;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every rule of a login, through the composed core and a fake platform: a successful first and
 * later login, the code spent once, given back only when the platform did not hear it, unionid
 * groups, disabled users, the sealed session_key, and what audit and listener are told.
 */
class LoginServiceTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final CoreFixture core = new CoreFixture(b -> b.loginListener(new LoginListener() {
        @Override
        public void loggedIn(String app, boolean newUser) {
            heard.add("loggedIn " + app + " " + newUser);
        }

        @Override
        public void loginRefused(Optional<String> app, ErrorCode code) {
            heard.add("loginRefused " + app.orElse("-") + " " + code.code());
        }
    }));

    @Test
    void aFirstLoginMakesTheUserAndASessionWhoseTokenIsAccepted() {
        SessionGrant grant = core.loginThroughPlatform(APP, "o_alice");

        assertThat(grant.newUser()).isTrue();
        assertThat(grant.account().identity().openid()).isEqualTo("o_alice");
        assertThat(grant.account().identity().appId()).isEqualTo(APP);
        AccessClaims caller = core.caller(grant);
        assertThat(caller.userId()).isEqualTo(grant.account().user().id());
        assertThat(caller.sessionId()).isEqualTo(grant.sessionId());
        assertThat(caller.appId()).isEqualTo(APP);
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).hasSize(1);
        assertThat(core.sessions.session(grant.sessionId())).isPresent();
        assertThat(grant.refreshTokenTtl()).isEqualTo(core.settings.refreshTokenTtl());
        AuditEvent login = core.auditLog.events(AuditType.LOGIN).get(0);
        assertThat(login.userId()).contains(grant.account().user().id());
        assertThat(login.sessionId()).contains(grant.sessionId());
        assertThat(login.detail()).contains("new user");
        assertThat(heard).containsExactly("loggedIn " + APP + " true");
    }

    @Test
    void theNextLoginOfTheSameOpenidIsTheSameUserInANewSession() {
        SessionGrant first = core.loginThroughPlatform(APP, "o_alice");
        SessionGrant second = core.loginThroughPlatform(APP, "o_alice");

        assertThat(second.newUser()).isFalse();
        assertThat(second.account().user().id())
                .isEqualTo(first.account().user().id());
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).hasSize(1);
        assertThat(heard).containsExactly("loggedIn " + APP + " true", "loggedIn " + APP + " false");
    }

    @Test
    void theSessionKeyIsStoredSealedAndOpensToWhatThePlatformGave() {
        SessionGrant grant = core.loginThroughPlatform(APP, "o_alice");
        String key = core.platform.sessionKey(APP, "o_alice");

        String sealed =
                core.users.find(grant.account().user().id(), APP).orElseThrow().sealedCurrent();

        assertThat(sealed).doesNotContain(key);
        assertThat(new SessionKeyVault(core.box).open(APP, "o_alice", sealed)).isEqualTo(key);
        assertThat(grant.toString()).doesNotContain(key);
        assertThat(core.auditLog.events().toString()).doesNotContain(key);
    }

    @Test
    void aCodeIsExchangedOnceAndItsReplayIsCodeUsed() {
        String code = core.platform.loginCode(APP, "o_alice");
        core.logins.login(APP, code, PHONE);

        WxLoginException replay =
                catchThrowableOfType(WxLoginException.class, () -> core.logins.login(APP, code, PHONE));

        assertThat(replay.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(core.platform.calls())
                .as("the replay never reached the platform")
                .isEqualTo(1);
        assertThat(heard).containsExactly("loggedIn " + APP + " true", "loginRefused " + APP + " code_used");
    }

    @Test
    void oneCodeSentEightTimesAtOnceLogsInOnce() throws Exception {
        String code = core.platform.loginCode(APP, "o_alice");

        List<String> outcomes = Concurrently.run(8, i -> {
            try {
                return core.logins.login(APP, code, PHONE).sessionId();
            } catch (WxLoginException e) {
                return e.code().code();
            }
        });

        assertThat(outcomes).filteredOn(o -> o.equals("code_used")).hasSize(7);
        assertThat(core.platform.calls()).isEqualTo(1);
        assertThat(core.sessions.sessions()).hasSize(1);
    }

    @Test
    void aCodeThePlatformDidNotHearIsGivenBackSoTheRetryWorks() {
        String code = core.platform.loginCode(APP, "o_alice");
        core.platform.failNext(
                new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE, "busy", Duration.ofSeconds(5), false, null));

        WxLoginException busy = catchThrowableOfType(WxLoginException.class, () -> core.logins.login(APP, code, PHONE));
        SessionGrant retry = core.logins.login(APP, code, PHONE);

        assertThat(busy.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(retry.newUser()).isTrue();
        assertThat(core.sessions.sessions()).hasSize(1);
    }

    @Test
    void aCodeThePlatformHeardAndRefusedStaysSpent() {
        String code = core.platform.loginCode(APP, "o_alice");
        core.platform.failNext(new PlatformException(ErrorCode.INVALID_CODE, "refused", null, true, null));

        WxLoginException refused =
                catchThrowableOfType(WxLoginException.class, () -> core.logins.login(APP, code, PHONE));
        WxLoginException retry =
                catchThrowableOfType(WxLoginException.class, () -> core.logins.login(APP, code, PHONE));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(retry.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).isEmpty();
        assertThat(core.sessions.sessions()).isEmpty();
    }

    @Test
    void aCodeOfAnotherAppIsInvalidAndWritesNothing() {
        String code = core.platform.loginCode(GROUPED_APP, "o_alice");

        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> core.logins.login(APP, code, PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).isEmpty();
        assertThat(core.auditLog.events()).isEmpty();
    }

    @Test
    void theUnionidJoinsUsersWithinAGroupOnly() {
        Optional<String> unionid = Optional.of("un_alice");
        SessionGrant inGroup =
                core.logins.login(GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_a2", unionid), PHONE);
        SessionGrant sameGroup =
                core.logins.login(GROUPED_APP_2, core.platform.loginCode(GROUPED_APP_2, "o_a3", unionid), PHONE);
        SessionGrant noGroup = core.logins.login(APP, core.platform.loginCode(APP, "o_a1", unionid), PHONE);

        assertThat(sameGroup.account().user().id())
                .isEqualTo(inGroup.account().user().id());
        assertThat(sameGroup.newUser()).isFalse();
        assertThat(sameGroup.account().identity().openid()).isEqualTo("o_a3");
        assertThat(noGroup.account().user().id())
                .isNotEqualTo(inGroup.account().user().id());
        assertThat(noGroup.newUser()).isTrue();
    }

    @Test
    void aDisabledUserIsRefusedAuditedAndGetsNoSession() {
        SessionGrant first = core.loginThroughPlatform(APP, "o_alice");
        String userId = first.account().user().id();
        User user = core.users.findUser(userId).orElseThrow();
        core.users.put(new User(
                user.id(),
                user.nickname(),
                user.avatarUrl(),
                user.phoneNumber(),
                user.countryCode(),
                true,
                user.createdAt()));

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.loginThroughPlatform(APP, "o_alice"));

        assertThat(e.code()).isEqualTo(ErrorCode.USER_DISABLED);
        assertThat(core.sessions.sessions()).hasSize(1);
        assertThat(core.auditLog.events(AuditType.LOGIN_REFUSED))
                .singleElement()
                .satisfies(a -> assertThat(a.userId()).contains(userId));
        assertThat(heard).endsWith("loginRefused " + APP + " user_disabled");
    }

    @Test
    void anUnknownAppIsRefusedWithNoAppNamed() {
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> core.logins.login("wx9999999999999999", "CODE", PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_APP);
        assertThat(core.platform.calls()).isZero();
        assertThat(heard).containsExactly("loginRefused - unknown_app");
    }

    /** The store, but every {@code create} fails as a full disk would. */
    private static SessionStore failingCreate(SessionStore store) {
        return (SessionStore) Proxy.newProxyInstance(
                SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("create")) {
                        throw new IllegalStateException("disk full");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aStoreFailureIsToldAsAnInternalErrorAndNoSessionIsLeft() {
        CoreFixture broken = new CoreFixture(b -> b.loginListener(new LoginListener() {
                    @Override
                    public void loginRefused(Optional<String> app, ErrorCode code) {
                        heard.add("loginRefused " + app.orElse("-") + " " + code.code());
                    }
                })
                .sessionStore(failingCreate(new InMemorySessionStore())));

        catchThrowableOfType(IllegalStateException.class, () -> broken.loginThroughPlatform(APP, "o_alice"));

        assertThat(heard).containsExactly("loginRefused " + APP + " internal_error");
        assertThat(broken.auditLog.events(AuditType.LOGIN)).isEmpty();
    }
}
