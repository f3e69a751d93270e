package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.compose.WxLoginCore;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.session.SuccessorReplacement;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.token.InMemorySigningKeyStore;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.PhoneStore;
import io.github.wxlogin.core.user.ProfileChange;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.StoredSessionKeys;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What LoginService refuses before anything is spent: a bad request never claims the code in the
 * ledger and never reaches the platform. The core is composed as the server composes it, over
 * collaborators that record each call and fail: none of them may be reached.
 */
class LoginServiceValidationTest {

    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String GOOD_CODE = "0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final Ids ids = new Ids();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final RecordingLedger ledger = new RecordingLedger();

    @Test
    void anUnknownAppIsRefusedAsUnknownApp() {
        LoginService service = service(Apps.parse(APP + ":" + SECRET + "," + OTHER_APP + ":" + SECRET));

        assertRefused(service, "wx9999999999999999", GOOD_CODE, ErrorCode.UNKNOWN_APP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "wx 1111", "wx1111/../x", "wx1111\n", "wx1111;drop", "wx\u00e9", "%77x1111"})
    void aMalformedAppIdIsRefusedAsInvalidRequest(String appId) {
        LoginService service = service(Apps.parse(APP + ":" + SECRET + "," + OTHER_APP + ":" + SECRET));

        assertRefused(service, appId, GOOD_CODE, ErrorCode.INVALID_REQUEST);
    }

    @Test
    void anAppIdLongerThan64CharactersIsRefusedAsInvalidRequest() {
        LoginService service = service(Apps.parse(APP + ":" + SECRET));

        assertRefused(service, "w".repeat(65), GOOD_CODE, ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aMissingAppIdIsRefusedWhenSeveralAppsAreConfigured() {
        LoginService service = service(Apps.parse(APP + ":" + SECRET + "," + OTHER_APP + ":" + SECRET));

        assertRefused(service, null, GOOD_CODE, ErrorCode.INVALID_REQUEST);
    }

    @ParameterizedTest
    @MethodSource("badCodes")
    void aBadCodeIsRefusedAsInvalidRequest(String code) {
        LoginService service = service(Apps.parse(APP + ":" + SECRET));

        assertRefused(service, APP, code, ErrorCode.INVALID_REQUEST);
        assertRefused(service, null, code, ErrorCode.INVALID_REQUEST);
    }

    static Stream<String> badCodes() {
        return Stream.of(
                null,
                "",
                " ",
                " a",
                "a ",
                "a b",
                "x".repeat(129),
                "abc\u0000def",
                "abc\ndef",
                "abc\tdef",
                "abc\u007f",
                "c\u00f3de",
                "\u4ee3\u7801",
                "abc\u00a0",
                "\ud83d\ude00");
    }

    @Test
    void aSpentCodeIsRefusedWithoutCallingWeChat() {
        // The control for the tests above: a well-formed request does reach the ledger.
        ledger.spent = true;
        LoginService service = service(Apps.parse(APP + ":" + SECRET));

        WxLoginException e =
                (WxLoginException) catchThrowable(() -> service.login(APP, GOOD_CODE, ClientInfo.unknown()));

        assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(calls).containsExactly("ledger.claim " + APP + " " + GOOD_CODE);
    }

    @Test
    void aMissingAppIdMeansTheOnlyConfiguredApp() {
        ledger.spent = true;
        LoginService service = service(Apps.parse(APP + ":" + SECRET));

        catchThrowable(() -> service.login(null, GOOD_CODE, ClientInfo.unknown()));

        assertThat(calls).containsExactly("ledger.claim " + APP + " " + GOOD_CODE);
    }

    @Test
    void aCodeOf128PrintableCharactersIsAccepted() {
        ledger.spent = true;
        LoginService service = service(Apps.parse(APP + ":" + SECRET));
        String code = "!~".repeat(64);

        WxLoginException e = (WxLoginException) catchThrowable(() -> service.login(APP, code, ClientInfo.unknown()));

        assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(calls).containsExactly("ledger.claim " + APP + " " + code);
    }

    private void assertRefused(LoginService service, String appId, String code, ErrorCode expected) {
        Throwable thrown = catchThrowable(() -> service.login(appId, code, ClientInfo.unknown()));

        assertThat(thrown).as("appId=%s code=%s", appId, code).isInstanceOf(WxLoginException.class);
        assertThat(((WxLoginException) thrown).code()).isEqualTo(expected);
        assertThat(thrown.getMessage()).doesNotContain(SECRET);
        assertThat(calls).as("nothing spent, nothing asked").isEmpty();
    }

    @Test
    void aLoginOverTheAppsAllowanceIsRateLimitedBeforeTheCodeIsClaimed() {
        LoginService service = service(Apps.parse(APP + ":" + SECRET), new AppThrottle() {
            @Override
            public java.util.Optional<java.time.Duration> tryAdmit(String appId) {
                calls.add("throttle " + appId);
                return java.util.Optional.of(java.time.Duration.ofSeconds(2));
            }

            @Override
            public boolean active() {
                return true;
            }
        });

        WxLoginException e =
                (WxLoginException) catchThrowable(() -> service.login(APP, GOOD_CODE, ClientInfo.unknown()));

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(2));
        assertThat(calls)
                .as("asked the allowance, claimed no code, called no WeChat")
                .containsExactly("throttle " + APP);
    }

    private LoginService service(Apps apps) {
        return service(apps, AppThrottle.NONE);
    }

    private LoginService service(Apps apps, AppThrottle throttle) {
        return WxLoginCore.builder()
                .apps(apps)
                .settings(CoreSettings.defaults("https://login.example.test"))
                .platform(new UnreachablePlatform())
                .userStore(new FailingUserStore())
                .sessionStore(new FailingSessionStore())
                .signingKeyStore(new InMemorySigningKeyStore())
                .auditLog(new FailingAuditLog())
                .secretBox(new SecretBox(randomKey()))
                .codeLedger(ledger)
                .clock(clock)
                .ids(ids)
                .throttle(throttle)
                .build()
                .login();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Records claims; a claim fails the test unless the test declared the code spent. */
    private final class RecordingLedger implements CodeLedger {
        volatile boolean spent;

        @Override
        public boolean claim(String appId, String code) {
            calls.add("ledger.claim " + appId + " " + code);
            if (spent) {
                return false;
            }
            throw new AssertionError("the ledger must not be asked");
        }

        @Override
        public void release(String appId, String code) {
            calls.add("ledger.release " + appId + " " + code);
            throw new AssertionError("the ledger must not be asked");
        }
    }

    private AssertionError reached(String call, String what) {
        calls.add(call);
        return new AssertionError(what + " must not be asked");
    }

    /** A platform that must not be asked. */
    private final class UnreachablePlatform implements PlatformClient {
        @Override
        public PlatformSession exchangeCode(App app, String code) {
            throw reached("platform.exchangeCode", "the platform");
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            throw reached("platform.phoneNumber", "the platform");
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            throw reached("platform.sessionKeyValid", "the platform");
        }
    }

    private final class FailingUserStore implements UserStore, PhoneStore, SessionKeyStore {
        @Override
        public Binding bind(String userId, String phoneNumber, String countryCode, Instant now) {
            throw reached("users.bind", "the user store");
        }

        @Override
        public Optional<StoredSessionKeys> find(String userId, String appId) {
            throw reached("users.find", "the user store");
        }

        @Override
        public LoginRecord recordLogin(IdentityClaim claim, Instant now) {
            throw reached("users.recordLogin", "the user store");
        }

        @Override
        public Optional<Account> findAccount(String userId, String appId) {
            throw reached("users.findAccount", "the user store");
        }

        @Override
        public Optional<User> findUser(String userId) {
            throw reached("users.findUser", "the user store");
        }

        @Override
        public List<Identity> identities(String userId) {
            throw reached("users.identities", "the user store");
        }

        @Override
        public List<String> userIdsByOpenid(String openid, Optional<String> appId) {
            throw reached("users.userIdsByOpenid", "the user store");
        }

        @Override
        public List<String> userIdsByUnionid(String unionid) {
            throw reached("users.userIdsByUnionid", "the user store");
        }

        @Override
        public List<String> userIdsByPhone(String phoneNumber) {
            throw reached("users.userIdsByPhone", "the user store");
        }

        @Override
        public boolean updateProfile(String userId, ProfileChange change, Instant now) {
            throw reached("users.updateProfile", "the user store");
        }

        @Override
        public boolean setDisabled(String userId, boolean disabled, Instant now) {
            throw reached("users.setDisabled", "the user store");
        }

        @Override
        public List<io.github.wxlogin.core.user.IdentityRecord> identityRecords(String userId) {
            throw reached("users.identityRecords", "the user store");
        }

        @Override
        public io.github.wxlogin.core.user.LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now) {
            throw reached("users.linkIdentity", "the user store");
        }

        @Override
        public io.github.wxlogin.core.user.UnlinkResult unlinkIdentity(
                String userId, String appId, String openid, Instant now) {
            throw reached("users.unlinkIdentity", "the user store");
        }

        @Override
        public io.github.wxlogin.core.user.MergeResult mergeUsers(String fromId, String intoId, Instant now) {
            throw reached("users.mergeUsers", "the user store");
        }

        @Override
        public void lockUsers(List<String> userIds) {
            throw reached("users.lockUsers", "the user store");
        }
    }

    private final class FailingSessionStore implements SessionStore {
        @Override
        public void create(SessionRecord session, RefreshTokenRecord firstRefreshToken) {
            throw reached("sessions.create", "the session store");
        }

        @Override
        public Optional<SessionRecord> find(String sessionId) {
            throw reached("sessions.find", "the session store");
        }

        @Override
        public RefreshConsumption consumeRefreshToken(String hash, Instant now) {
            throw reached("sessions.consumeRefreshToken", "the session store");
        }

        @Override
        public java.util.Optional<String> appIdOfRefreshToken(String hash) {
            throw reached("sessions.appIdOfRefreshToken", "the session store");
        }

        @Override
        public long countLive(Instant now) {
            throw reached("sessions.countLive", "the session store");
        }

        @Override
        public boolean renew(
                String sessionId,
                String spentHash,
                RefreshTokenRecord next,
                Instant expiresAt,
                Instant now,
                ClientInfo client) {
            throw reached("sessions.renew", "the session store");
        }

        @Override
        public SuccessorReplacement replaceSuccessor(
                String spentHash, RefreshTokenRecord next, Instant expiresAt, Instant now, ClientInfo client) {
            throw reached("sessions.replaceSuccessor", "the session store");
        }

        @Override
        public boolean end(String sessionId, Instant at, String reason) {
            throw reached("sessions.end", "the session store");
        }

        @Override
        public List<String> endAllOfUser(String userId, Instant at, String reason) {
            throw reached("sessions.endAllOfUser", "the session store");
        }

        @Override
        public List<String> endAllOfUserInApp(String userId, String appId, Instant at, String reason) {
            throw reached("sessions.endAllOfUserInApp", "the session store");
        }

        @Override
        public int deleteAllOfUser(String userId) {
            throw reached("sessions.deleteAllOfUser", "the session store");
        }

        @Override
        public List<SessionRecord> listLive(String userId, Instant now) {
            throw reached("sessions.listLive", "the session store");
        }

        @Override
        public void touch(String sessionId, Instant at) {
            throw reached("sessions.touch", "the session store");
        }

        @Override
        public int purge(Instant before, int batch) {
            throw reached("sessions.purge", "the session store");
        }
    }

    /** Fails with an Error, which the Auditor does not swallow (it catches RuntimeExceptions only). */
    private final class FailingAuditLog implements AuditLog {
        @Override
        public void append(AuditEvent event) {
            throw reached("audit.append " + event.type().code(), "the audit log");
        }

        @Override
        public List<AuditEvent> page(Optional<AuditLog.Cursor> before, Optional<String> userId, int limit) {
            throw reached("audit.page", "the audit log");
        }

        @Override
        public int purge(Instant before, int batch) {
            throw reached("audit.purge", "the audit log");
        }

        @Override
        public int reassign(String fromUserId, String intoUserId) {
            throw reached("audit.reassign", "the audit log");
        }
    }
}
