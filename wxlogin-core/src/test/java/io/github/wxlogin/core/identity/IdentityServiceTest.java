package io.github.wxlogin.core.identity;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Identity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET} and {@code DELETE /v1/me/identities} through the composed core. */
class IdentityServiceTest {

    private final CoreFixture core = new CoreFixture();
    private final SessionGrant aliceInApp = core.loginThroughPlatform(APP, "o_alice");
    private final AccessClaims alice = core.caller(aliceInApp);

    @Test
    void theCallersIdentitiesAreListedOldestFirstWithTheirIdsPlatformAndTimes() {
        core.clock.advance(Duration.ofMinutes(1));
        core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_g", Optional.of("un_a")), PHONE);
        core.clock.advance(Duration.ofMinutes(1));
        core.loginThroughPlatform(APP, "o_alice");

        assertThat(core.identities.list(alice))
                .extracting(
                        IdentityEntry::id,
                        IdentityEntry::platform,
                        e -> e.identity().appId(),
                        e -> e.identity().openid(),
                        e -> e.identity().unionid(),
                        IdentityEntry::createdAt,
                        IdentityEntry::lastLoginAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Identity.idOf(APP, "o_alice"),
                                "wechat",
                                APP,
                                "o_alice",
                                Optional.empty(),
                                CoreFixture.START,
                                CoreFixture.START.plus(Duration.ofMinutes(2))),
                        org.assertj.core.groups.Tuple.tuple(
                                Identity.idOf(GROUPED_APP, "o_g"),
                                "wechat",
                                GROUPED_APP,
                                "o_g",
                                Optional.of("un_a"),
                                CoreFixture.START.plus(Duration.ofMinutes(1)),
                                CoreFixture.START.plus(Duration.ofMinutes(1))));
    }

    @Test
    void unlinkingEndsTheUsersSessionsOfThatAppAtOnceAndKeepsTheOthers() {
        core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_g"), PHONE);
        SessionGrant throughGrouped = core.loginThroughPlatform(GROUPED_APP, "o_g");
        core.caller(throughGrouped); // its session is cached as live now

        core.identities.unlink(alice, Identity.idOf(GROUPED_APP, "o_g"), PHONE);

        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.caller(throughGrouped))
                        .code())
                .isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(core.caller(aliceInApp).userId()).isEqualTo(alice.userId());
        assertThat(core.users.identities(alice.userId()))
                .extracting(Identity::appId)
                .containsExactly(APP);
        assertThat(core.auditLog.events(AuditType.IDENTITY_UNLINKED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.userId()).contains(alice.userId());
                    assertThat(e.appId()).contains(GROUPED_APP);
                });
        assertThat(core.auditLog.events(AuditType.SESSION_ENDED))
                .singleElement()
                .satisfies(e -> assertThat(e.sessionId()).contains(throughGrouped.sessionId()));
        assertThat(core.loginThroughPlatform(GROUPED_APP, "o_g").newUser())
                .as("the identity's next login makes a new user")
                .isTrue();
    }

    @Test
    void theLastIdentityIsNotUnlinked() {
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> core.identities.unlink(alice, Identity.idOf(APP, "o_alice"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.LAST_IDENTITY);
        assertThat(core.caller(aliceInApp).userId()).isEqualTo(alice.userId());
        assertThat(core.auditLog.events(AuditType.IDENTITY_UNLINKED)).isEmpty();
    }

    @Test
    void anIdThatIsNotAmongTheCallersIdentitiesIsNotFound() {
        core.loginThroughPlatform(GROUPED_APP, "o_bob");
        core.links.link(alice, GROUPED_APP, core.platform.loginCode(GROUPED_APP, "o_g"), PHONE);

        for (String id : new String[] {Identity.idOf(GROUPED_APP, "o_bob"), "i_nothing", "", null}) {
            WxLoginException e =
                    catchThrowableOfType(WxLoginException.class, () -> core.identities.unlink(alice, id, PHONE));
            assertThat(e.code()).as("id %s", id).isEqualTo(ErrorCode.NOT_FOUND);
        }
        assertThat(core.users.identities(alice.userId())).hasSize(2);
    }
}
