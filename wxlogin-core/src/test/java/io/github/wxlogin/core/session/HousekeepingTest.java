package io.github.wxlogin.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.testing.RecordingSessionStore;
import io.github.wxlogin.core.testing.RecordingSessionStore.PurgeCall;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.user.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

    private static final Duration KEEP_ENDED = Duration.ofDays(7);
    private static final Duration KEEP_AUDIT = Duration.ofDays(90);

    private final CoreFixture core = new CoreFixture();
    private final InMemorySessionStore store = core.sessions;
    private final RecordingSessionStore recorded = new RecordingSessionStore(store);
    private final RecordingAuditLog audit = new RecordingAuditLog(core.auditLog);
    private final Housekeeping housekeeping =
            new Housekeeping(recorded, audit, core.clock, KEEP_ENDED, KEEP_AUDIT, 2, 3);

    @Test
    void aRunDeletesAtMostBatchTimesMaxBatchesAndReturnsTheCount() {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        core.clock.set(now);
        Instant cutoff = now.minus(KEEP_ENDED);
        for (int i = 0; i < 5; i++) {
            store.put(session("s_expired_" + i, cutoff.minusSeconds(1 + i), Optional.empty()));
        }
        for (int i = 0; i < 3; i++) {
            store.put(session("s_ended_" + i, now.plus(Duration.ofDays(20)), Optional.of(cutoff.minusSeconds(1 + i))));
        }
        store.put(session("s_live", now.plus(Duration.ofDays(20)), Optional.empty()));

        assertThat(housekeeping.purge()).isEqualTo(6);
        assertThat(recorded.purgeCalls())
                .hasSize(3)
                .allSatisfy(c -> assertThat(c).isEqualTo(new PurgeCall(cutoff, 2, 2)));
        assertThat(store.sessions()).hasSize(3);

        assertThat(housekeeping.purge()).isEqualTo(2);
        assertThat(housekeeping.purge()).isZero();
        assertThat(store.sessions()).extracting(SessionRecord::id).containsExactly("s_live");
    }

    @Test
    void aRunStopsAtTheFirstEmptyBatch() {
        store.put(session("s_expired", core.clock.instant().minus(KEEP_ENDED).minusSeconds(1), Optional.empty()));

        assertThat(housekeeping.purge()).isEqualTo(1);

        assertThat(recorded.purgeCalls()).extracting(PurgeCall::deleted).containsExactly(1, 0);
    }

    @Test
    void endedAndExpiredSessionsAreKeptForKeepEndedThenDeletedWithTheirRefreshTokens() {
        Account alice = core.account("u_alice");
        SessionGrant ended = core.login(alice);
        core.live.end(ended.sessionId(), "logout");

        core.clock.advance(KEEP_ENDED);
        assertThat(housekeeping.purge()).as("ended exactly keepEnded ago").isZero();
        assertThat(store.session(ended.sessionId())).isPresent();

        core.clock.advance(Duration.ofSeconds(1));
        assertThat(housekeeping.purge()).as("the session and its refresh token").isEqualTo(2);
        assertThat(store.session(ended.sessionId())).isEmpty();
        assertThat(store.refreshTokensOf(ended.sessionId())).isEmpty();
    }

    @Test
    void liveSessionsAndSpentButUnexpiredRefreshTokensAreKept() {
        Account alice = core.account("u_alice");
        SessionGrant login = core.login(alice);
        core.clock.advance(Duration.ofDays(20));
        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), ClientInfo.unknown());
        core.clock.advance(KEEP_ENDED);

        assertThat(housekeeping.purge()).isZero();

        assertThat(store.session(login.sessionId())).isPresent();
        assertThat(store.refreshToken(RefreshTokens.hash(login.refreshToken())))
                .hasValueSatisfying(t -> assertThat(t.spent()).isTrue());
        assertThat(store.refreshToken(RefreshTokens.hash(refreshed.refreshToken())))
                .isPresent();
        // Still recognised as reuse, which is why it is kept.
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> core.refresh.refresh(login.refreshToken(), ClientInfo.unknown()));
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REUSED);
    }

    @Test
    void spentRefreshTokensOfALiveSessionAreDeletedOnceExpiredBeforeTheCutoff() {
        Account alice = core.account("u_alice");
        SessionGrant login = core.login(alice);
        core.clock.advance(Duration.ofDays(29));
        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), ClientInfo.unknown());
        // The first token expired 30 days after the login; the cutoff passes it 7 days later.
        core.clock.set(
                core.clock.instant().plus(Duration.ofDays(1)).plus(KEEP_ENDED).plusSeconds(1));

        assertThat(housekeeping.purge()).isEqualTo(1);

        assertThat(store.refreshToken(RefreshTokens.hash(login.refreshToken()))).isEmpty();
        assertThat(store.refreshToken(RefreshTokens.hash(refreshed.refreshToken())))
                .isPresent();
        assertThat(store.session(login.sessionId())).isPresent();
    }

    @Test
    void auditEventsOlderThanTheKeepAreDeletedInBoundedBatchesAndNewerOnesStay() {
        Instant now = core.clock.instant();
        Instant cutoff = now.minus(KEEP_AUDIT);
        for (int i = 0; i < 7; i++) {
            core.auditLog.append(event("e_old_" + i, cutoff.minusSeconds(1 + i)));
        }
        core.auditLog.append(event("e_at_cutoff", cutoff));
        core.auditLog.append(event("e_recent", now.minus(Duration.ofDays(1))));

        assertThat(housekeeping.purge()).as("three batches of two").isEqualTo(6);
        assertThat(audit.calls).containsExactly(List.of(cutoff, 2, 2), List.of(cutoff, 2, 2), List.of(cutoff, 2, 2));
        assertThat(eventIds()).containsExactly("e_old_0", "e_at_cutoff", "e_recent");

        assertThat(housekeeping.purge()).isEqualTo(1);
        assertThat(housekeeping.purge()).isZero();
        assertThat(eventIds()).containsExactly("e_at_cutoff", "e_recent");
    }

    @Test
    void anAuditEventRecordedNowGoesOnceTheClockHasPassedTheKeep() {
        core.auditor.record(AuditType.LOGIN, "u_1", "s_1", CoreFixture.APP, ClientInfo.unknown(), null);

        core.clock.advance(KEEP_AUDIT);
        assertThat(housekeeping.purge()).as("recorded exactly the keep ago").isZero();
        assertThat(core.auditLog.events()).hasSize(1);

        core.clock.advance(Duration.ofMillis(1));
        assertThat(housekeeping.purge()).isEqualTo(1);
        assertThat(core.auditLog.events()).isEmpty();
    }

    @Test
    void aKeepOfZeroKeepsEveryAuditEvent() {
        Housekeeping keepForever = new Housekeeping(recorded, audit, core.clock, KEEP_ENDED, Duration.ZERO, 2, 3);
        core.auditLog.append(event("e_ancient", Instant.parse("2001-01-01T00:00:00Z")));

        assertThat(keepForever.purge()).isZero();

        assertThat(audit.calls).isEmpty();
        assertThat(eventIds()).containsExactly("e_ancient");
    }

    private List<String> eventIds() {
        return core.auditLog.events().stream().map(AuditEvent::id).toList();
    }

    private static AuditEvent event(String id, Instant at) {
        return new AuditEvent(
                id,
                AuditType.ADMIN_ACCESS_REFUSED,
                at,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ClientInfo.unknown(),
                Optional.empty());
    }

    /** Passes every call on, and notes each purge as {@code [before, batch, deleted]}. */
    private static final class RecordingAuditLog implements AuditLog {
        private final AuditLog log;
        final List<List<Object>> calls = new ArrayList<>();

        RecordingAuditLog(AuditLog log) {
            this.log = log;
        }

        @Override
        public void append(AuditEvent event) {
            log.append(event);
        }

        @Override
        public List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
            return log.page(before, userId, limit);
        }

        @Override
        public int purge(Instant before, int batch) {
            int deleted = log.purge(before, batch);
            calls.add(List.of(before, batch, deleted));
            return deleted;
        }

        @Override
        public int reassign(String fromUserId, String intoUserId) {
            return log.reassign(fromUserId, intoUserId);
        }
    }

    private static SessionRecord session(String id, Instant expiresAt, Optional<Instant> endedAt) {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        return new SessionRecord(
                id, "u_1", CoreFixture.APP, created, expiresAt, created, Optional.empty(), Optional.empty(), endedAt);
    }
}
