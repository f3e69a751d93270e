package io.github.wxlogin.core.identity;

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
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Identity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/me/identities} through the composed core, over in-memory stores and a fake platform. */
class LinkServiceTest {

    private final CoreFixture core = new CoreFixture();
    private final AccessClaims alice = core.caller(core.loginThroughPlatform(APP, "o_alice"));

    @Test
    void anIdentityOfAnotherAppJoinsTheCallersUserAndIsAnsweredWithIt() {
        core.clock.advance(java.time.Duration.ofMinutes(1));
        String code = core.platform.loginCode(GROUPED_APP, "o_alice_g", Optional.of("un_alice"));

        Linked linked = core.links.link(alice, GROUPED_APP, code, PHONE);

        Identity identity = new Identity(GROUPED_APP, "o_alice_g", alice.userId(), Optional.of("un_alice"));
        assertThat(linked.identity())
                .isEqualTo(new IdentityEntry(
                        identity.id(), "wechat", identity, core.clock.instant(), core.clock.instant()));
        assertThat(linked.account().user().id()).isEqualTo(alice.userId());
        assertThat(linked.account().identity().appId())
                .as("the caller's own app")
                .isEqualTo(APP);
        assertThat(core.users.identities(alice.userId()))
                .extracting(Identity::appId)
                .containsExactly(APP, GROUPED_APP);
        assertThat(core.auditLog.events(AuditType.IDENTITY_LINKED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.userId()).contains(alice.userId());
                    assertThat(e.sessionId()).contains(alice.sessionId());
                    assertThat(e.appId()).contains(GROUPED_APP);
                    assertThat(e.detail()).contains("identity " + identity.id() + " linked");
                });
        assertThat(core.logins
                        .login(
                                GROUPED_APP_2,
                                core.platform.loginCode(GROUPED_APP_2, "o_alice_g2", Optional.of("un_alice")),
                                PHONE)
                        .account()
                        .user()
                        .id())
                .as("the group's other app finds alice through the unionid it brought")
                .isEqualTo(alice.userId());
    }

    @Test
    void linkingAnIdentityTheCallerHasIsAnsweredAsTheFirstTimeAndAuditedOnce() {
        Linked first = core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_g"), PHONE);

        Linked again = core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_g"), PHONE);

        assertThat(again).isEqualTo(first);
        assertThat(core.auditLog.events(AuditType.IDENTITY_LINKED)).hasSize(1);
    }

    @Test
    void aSpentCodeIsCodeUsedAndReachesThePlatformOnce() {
        String code = core.platform.loginCode(GROUPED_APP, "o_g");
        core.links.link(alice, GROUPED_APP, code, PHONE);
        int calls = core.platform.calls();

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.links.link(alice, GROUPED_APP, code, PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(core.platform.calls()).isEqualTo(calls);
    }

    @Test
    void anotherUsersIdentityIsIdentityInUseAndNothingChanges() {
        String bob =
                core.loginThroughPlatform(GROUPED_APP, "o_bob").account().user().id();

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_bob"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_IN_USE);
        assertThat(core.users.identities(alice.userId())).hasSize(1);
        assertThat(core.users.userIdsByOpenid("o_bob", Optional.of(GROUPED_APP)))
                .containsExactly(bob);
        assertThat(core.auditLog.events(AuditType.IDENTITY_LINKED)).isEmpty();
    }

    @Test
    void anIdentityWhoseUnionidIsAnotherUsersIsIdentityInUse() {
        core.loginThroughPlatform(GROUPED_APP, "o_carol"); // no unionid: the row below is by unionid only
        core.logins.login(GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_dan", Optional.of("un_dan")), PHONE);

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.links.link(
                        alice,
                        GROUPED_APP_2,
                        core.platform.loginCode(GROUPED_APP_2, "o_dan_2", Optional.of("un_dan")),
                        PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_IN_USE);
        assertThat(e.detail()).contains("unionid");
        assertThat(core.users.identities(alice.userId())).hasSize(1);
    }

    @Test
    void aSecondIdentityInOneAppIsIdentityInUseWithAClearDetail() {
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.links.link(alice, APP, core.platform.loginCode(APP, "o_alice_other"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_IN_USE);
        assertThat(e.detail()).contains("already has an identity in app " + APP).contains("one identity per app");
        assertThat(core.users.userIdsByOpenid("o_alice_other", Optional.empty()))
                .isEmpty();
    }

    @Test
    void anUnknownAppOrAMalformedCodeIsRefusedBeforeThePlatformIsAsked() {
        int calls = core.platform.calls();

        assertThat(catchThrowableOfType(
                                WxLoginException.class,
                                () -> core.links.link(alice, "wx9999999999999999", "0123456789abcdef", PHONE))
                        .code())
                .isEqualTo(ErrorCode.UNKNOWN_APP);
        assertThat(catchThrowableOfType(
                                WxLoginException.class, () -> core.links.link(alice, GROUPED_APP, "has space", PHONE))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.links.link(alice, null, "abc", PHONE))
                        .code())
                .as("no appId while three apps are configured")
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(core.platform.calls()).isEqualTo(calls);
    }

    @Test
    void theLinkIsAuditedWithoutTheOpenidOrAnySecret() {
        core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_secretive"), PHONE);

        AuditEvent event = core.auditLog.events(AuditType.IDENTITY_LINKED).get(0);
        assertThat(event.toString())
                .doesNotContain("o_secretive", core.platform.sessionKey(GROUPED_APP, "o_secretive"));
    }
}
