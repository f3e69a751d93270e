package io.github.wxlogin.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Account;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionServiceTest {

    private static final ClientInfo PHONE = ClientInfo.of("MicroMessenger/8.0.47", "203.0.113.7");

    private final CoreFixture core = new CoreFixture();
    private final Account alice = core.account("u_alice");
    private final Account bob = core.account("u_bob");

    @Test
    void logoutEndsTheCallersSessionAtOnceAndAuditsIt() {
        SessionGrant login = core.login(alice);
        SessionGrant other = core.login(alice);
        AccessClaims caller = core.caller(login);

        core.sessionService.logout(caller, PHONE);

        assertRefused(login);
        assertThat(core.sessions.endReason(login.sessionId())).contains("logout");
        assertThat(core.caller(other).sessionId())
                .as("the user's other session")
                .isEqualTo(other.sessionId());
        assertThat(core.auditLog.events(AuditType.LOGOUT)).singleElement().satisfies(e -> {
            assertThat(e.userId()).contains("u_alice");
            assertThat(e.sessionId()).contains(login.sessionId());
            assertThat(e.appId()).contains(CoreFixture.APP);
            assertThat(e.client()).isEqualTo(PHONE);
            assertThat(e.at()).isEqualTo(core.clock.instant());
        });
    }

    @Test
    void listGivesOnlyTheCallersLiveSessionsNewestFirst() {
        SessionGrant oldest = core.login(alice);
        core.clock.advance(Duration.ofMinutes(1));
        SessionGrant ended = core.login(alice);
        core.clock.advance(Duration.ofMinutes(1));
        SessionGrant middle = core.login(alice);
        core.clock.advance(Duration.ofMinutes(1));
        core.login(bob);
        SessionGrant newest = core.login(alice);
        core.sessions.put(new SessionRecord(
                "s_expired",
                "u_alice",
                CoreFixture.APP,
                core.clock.instant(),
                core.clock.instant(),
                core.clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        core.live.end(ended.sessionId(), "logout");

        assertThat(core.sessionService.list(core.caller(middle)))
                .extracting(SessionRecord::id)
                .containsExactly(newest.sessionId(), middle.sessionId(), oldest.sessionId());
    }

    @Test
    void endOwnEndsOneOfTheCallersSessionsAtOnceAndAuditsIt() {
        SessionGrant phone = core.login(alice);
        SessionGrant laptop = core.login(alice);
        AccessClaims caller = core.caller(laptop);
        core.caller(phone);

        core.sessionService.endOwn(caller, phone.sessionId(), PHONE);

        assertRefused(phone);
        assertThat(core.caller(laptop).sessionId()).isEqualTo(laptop.sessionId());
        assertThat(core.auditLog.events(AuditType.SESSION_ENDED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.userId()).contains("u_alice");
                    assertThat(e.sessionId()).contains(phone.sessionId());
                });
    }

    @Test
    void endOwnOfAnotherUsersSessionIsNotFoundAndEndsNothing() {
        SessionGrant alices = core.login(alice);
        SessionGrant bobs = core.login(bob);

        assertNotFound(core.caller(alices), bobs.sessionId());

        assertThat(core.caller(bobs).sessionId()).isEqualTo(bobs.sessionId());
        assertThat(core.caller(alices).sessionId()).isEqualTo(alices.sessionId());
    }

    @Test
    void endOwnOfAnUnknownOrAlreadyEndedSessionIsNotFound() {
        SessionGrant login = core.login(alice);
        SessionGrant gone = core.login(alice);
        AccessClaims caller = core.caller(login);
        core.live.end(gone.sessionId(), "logout");

        assertNotFound(caller, "s_nowhere");
        assertNotFound(caller, null);
        assertNotFound(caller, gone.sessionId());

        assertThat(core.caller(login).sessionId()).isEqualTo(login.sessionId());
    }

    @Test
    void endAllEndsEverySessionOfTheUserAndAuditsEach() {
        SessionGrant one = core.login(alice);
        SessionGrant two = core.login(alice);
        SessionGrant already = core.login(alice);
        SessionGrant bobs = core.login(bob);
        core.caller(one);
        core.caller(two);
        core.live.end(already.sessionId(), "logout");

        int ended = core.sessionService.endAll("u_alice", "ended_by_admin", PHONE);

        assertThat(ended).isEqualTo(2);
        assertRefused(one);
        assertRefused(two);
        assertThat(core.caller(bobs).sessionId()).isEqualTo(bobs.sessionId());
        assertThat(core.sessionService.list(core.caller(bobs))).hasSize(1);
        assertThat(core.auditLog.events(AuditType.SESSION_ENDED))
                .allSatisfy(e -> assertThat(e.userId()).contains("u_alice"))
                .allSatisfy(e -> assertThat(e.detail()).contains("ended_by_admin"))
                .extracting(AuditEvent::sessionId)
                .containsExactlyInAnyOrder(Optional.of(one.sessionId()), Optional.of(two.sessionId()));
        assertThat(core.sessionService.endAll("u_alice", "ended_by_admin", PHONE))
                .as("again")
                .isZero();
    }

    private void assertRefused(SessionGrant grant) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> core.caller(grant));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(core.live.isLive(grant.sessionId(), grant.account().user().id()))
                .isFalse();
    }

    private void assertNotFound(AccessClaims caller, String sessionId) {
        int auditsBefore = core.auditLog.events().size();
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> core.sessionService.endOwn(caller, sessionId, PHONE));
        assertThat(e).as("endOwn %s", sessionId).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(core.auditLog.events()).hasSize(auditsBefore);
        if (sessionId != null) {
            core.sessions
                    .session(sessionId)
                    .ifPresent(s ->
                            assertThat(core.sessions.endReason(sessionId)).isNotEqualTo(Optional.of("ended_by_user")));
        }
    }
}
