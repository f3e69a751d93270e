package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.session.Housekeeping;
import io.github.wxlogin.core.token.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Housekeeping deletes sessions that ended or expired longer ago than {@code keep-ended}, with their
 * refresh tokens, refresh tokens that expired, and audit events older than {@code wxlogin.audit.keep},
 * in bounded batches; live sessions, spent refresh tokens that have not expired (reuse must still be
 * recognised), and newer audit events stay. The server's clock cannot be
 * moved, so the test moves rows into the distant past instead, and runs {@link Housekeeping#purge()}
 * itself (the scheduled run is 10 minutes away).
 */
class HousekeepingTest {

    static final int BATCH = 2;
    static final int MAX_BATCHES = 2;
    static final long DISTANT_PAST = Instant.parse("2001-01-01T00:00:00Z").toEpochMilli();
    static final int KEEP_AUDIT_DAYS = 30;

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
            "--wxlogin.housekeeping.batch-size=" + BATCH,
            "--wxlogin.housekeeping.max-batches=" + MAX_BATCHES,
            "--wxlogin.housekeeping.interval=1h",
            "--wxlogin.audit.keep=" + KEEP_AUDIT_DAYS + "d");

    static Housekeeping housekeeping;

    @BeforeAll
    static void start() {
        housekeeping = dev.service().bean(Housekeeping.class);
    }

    /** Each test starts with nothing left to purge from the tests before it. */
    @BeforeEach
    void purgeEverythingDue() {
        for (int run = 0; run < 1000 && housekeeping.purge() > 0; run++) {
            // again, until a run finds nothing
        }
        assertThat(housekeeping.purge()).isZero();
    }

    static boolean sessionExists(String sid) {
        return dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_sessions WHERE id = ?")
                        .param(sid)
                        .query(Long.class)
                        .single()
                == 1;
    }

    static long refreshTokensOf(String sid) {
        return dev.service()
                .jdbc()
                .sql("SELECT COUNT(*) FROM wx_refresh_tokens WHERE session_id = ?")
                .param(sid)
                .query(Long.class)
                .single();
    }

    static boolean refreshTokenExists(String value) {
        return dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_refresh_tokens WHERE token_hash = ?")
                        .param(RefreshTokens.hash(value))
                        .query(Long.class)
                        .single()
                == 1;
    }

    static void endedLongAgo(String sid) {
        assertThat(dev.service()
                        .jdbc()
                        .sql("UPDATE wx_sessions SET ended_at = ?,"
                                + " end_reason = COALESCE(end_reason, 'test') WHERE id = ?")
                        .params(DISTANT_PAST, sid)
                        .update())
                .isEqualTo(1);
    }

    static void expiredLongAgo(String sid) {
        assertThat(dev.service()
                        .jdbc()
                        .sql("UPDATE wx_sessions SET expires_at = ? WHERE id = ?")
                        .params(DISTANT_PAST, sid)
                        .update())
                .isEqualTo(1);
        dev.service()
                .jdbc()
                .sql("UPDATE wx_refresh_tokens SET expires_at = ? WHERE session_id = ?")
                .params(DISTANT_PAST, sid)
                .update();
    }

    static int purgeUntilDone() {
        int total = 0;
        for (int run = 0; run < 1000; run++) {
            int deleted = housekeeping.purge();
            if (deleted == 0) {
                return total;
            }
            total += deleted;
        }
        throw new AssertionError("purge never finished");
    }

    @Test
    void endedAndExpiredSessionsGoWithTheirRefreshTokensAndLiveOnesStay() {
        Tokens live = dev.service().login(APP_1, "hk-live");
        Tokens liveRefreshed = dev.service().refresh(dev.service().login(APP_1, "hk-live-refreshed"));
        Tokens loggedOut = dev.service().login(APP_1, "hk-logged-out");
        Tokens loggedOutRotated = dev.service().refresh(loggedOut);
        assertThat(dev.http().logout(loggedOutRotated.access()).status()).isEqualTo(204);
        endedLongAgo(loggedOut.sid());
        Tokens expired = dev.service().refresh(dev.service().login(APP_1, "hk-expired"));
        expiredLongAgo(expired.sid());
        assertThat(refreshTokensOf(loggedOut.sid())).isEqualTo(2);
        assertThat(refreshTokensOf(expired.sid())).isEqualTo(2);

        purgeUntilDone();

        assertThat(sessionExists(loggedOut.sid())).isFalse();
        assertThat(refreshTokensOf(loggedOut.sid())).isZero();
        assertThat(sessionExists(expired.sid())).isFalse();
        assertThat(refreshTokensOf(expired.sid())).isZero();
        assertThat(sessionExists(live.sid())).isTrue();
        assertThat(refreshTokensOf(live.sid())).isEqualTo(1);
        assertThat(sessionExists(liveRefreshed.sid())).isTrue();
        assertThat(refreshTokensOf(liveRefreshed.sid())).isEqualTo(2);
        // The live sessions work as before.
        assertThat(dev.http().me(live.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(live).sid()).isEqualTo(live.sid());
        assertThat(dev.http().me(liveRefreshed.bearer()).status()).isEqualTo(200);
        // The purged ones are gone for good.
        assertProblem(dev.http().refresh(loggedOutRotated.refresh()), 401, "invalid_token");
        assertProblem(dev.http().me(expired.bearer()), 401, "invalid_token");
    }

    @Test
    void aSpentRefreshTokenThatHasNotExpiredIsKeptSoReuseIsStillRecognised() {
        Tokens first = dev.service().login(APP_1, "hk-spent");
        Tokens second = dev.service().refresh(first);
        assertThat(refreshTokenExists(first.refresh())).isTrue();
        // Spent an hour ago: presented again now, past the refresh grace, it is reuse, not a retry.
        dev.service()
                .jdbc()
                .sql("UPDATE wx_refresh_tokens SET consumed_at = consumed_at - ? WHERE token_hash = ?")
                .params(Duration.ofHours(1).toMillis(), RefreshTokens.hash(first.refresh()))
                .update();

        purgeUntilDone();

        assertThat(refreshTokenExists(first.refresh()))
                .as("the spent, unexpired token")
                .isTrue();
        assertThat(refreshTokenExists(second.refresh())).isTrue();
        assertProblem(dev.http().refresh(first.refresh()), 401, "token_reused");
        assertProblem(dev.http().me(second.bearer()), 401, "invalid_token");
    }

    @Test
    void anExpiredRefreshTokenOfALiveSessionGoesAndTheSessionStays() {
        Tokens first = dev.service().login(APP_1, "hk-old-token");
        Tokens second = dev.service().refresh(first);
        dev.service()
                .jdbc()
                .sql("UPDATE wx_refresh_tokens SET expires_at = ? WHERE token_hash = ?")
                .params(DISTANT_PAST, RefreshTokens.hash(first.refresh()))
                .update();

        purgeUntilDone();

        assertThat(refreshTokenExists(first.refresh())).isFalse();
        assertThat(refreshTokenExists(second.refresh())).isTrue();
        assertThat(sessionExists(first.sid())).isTrue();
        assertThat(dev.http().me(second.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(second).sid()).isEqualTo(first.sid());
    }

    @Test
    void sessionsEndedOrExpiredWithinTheKeepingTimeStay() {
        Tokens loggedOut = dev.service().login(APP_1, "hk-recent-logout");
        assertThat(dev.http().logout(loggedOut.access()).status()).isEqualTo(204);
        Tokens expired = dev.service().login(APP_1, "hk-recent-expiry");
        dev.service()
                .jdbc()
                .sql("UPDATE wx_sessions SET expires_at = ? WHERE id = ?")
                .params(Instant.now().minusSeconds(60).toEpochMilli(), expired.sid())
                .update();

        assertThat(housekeeping.purge()).isZero();

        assertThat(sessionExists(loggedOut.sid())).isTrue();
        assertThat(sessionExists(expired.sid())).isTrue();
        assertProblem(dev.http().me(expired.bearer()), 401, "invalid_token");
    }

    @Test
    void oneRunDeletesAtMostBatchSizeTimesMaxBatchesSessions() {
        int bound = BATCH * MAX_BATCHES;
        List<Tokens> due = new ArrayList<>();
        for (int i = 0; i < bound + 3; i++) {
            Tokens t = dev.service().refresh(dev.service().login(APP_1, "hk-bound-" + i));
            endedLongAgo(t.sid());
            due.add(t);
        }
        Tokens live = dev.service().login(APP_1, "hk-bound-live");

        housekeeping.purge();

        List<Tokens> gone = due.stream().filter(t -> !sessionExists(t.sid())).toList();
        assertThat(gone).hasSize(bound);
        for (Tokens t : gone) {
            assertThat(refreshTokensOf(t.sid()))
                    .as("refresh tokens of purged %s", t)
                    .isZero();
        }
        for (Tokens t : due) {
            if (!gone.contains(t)) {
                assertThat(refreshTokensOf(t.sid()))
                        .as("refresh tokens of kept %s", t)
                        .isEqualTo(2);
            }
        }

        housekeeping.purge();

        assertThat(due).noneMatch(t -> sessionExists(t.sid()));
        assertThat(housekeeping.purge()).isZero();
        assertThat(sessionExists(live.sid())).isTrue();
        assertThat(dev.http().me(live.bearer()).status()).isEqualTo(200);
    }

    static List<String> auditIdsOfSession(String sid) {
        return dev.service()
                .jdbc()
                .sql("SELECT id FROM wx_audit WHERE session_id = ?")
                .param(sid)
                .query(String.class)
                .list();
    }

    static void auditedAt(String sid, Instant at) {
        assertThat(dev.service()
                        .jdbc()
                        .sql("UPDATE wx_audit SET occurred_at = ? WHERE session_id = ?")
                        .params(at.toEpochMilli(), sid)
                        .update())
                .isPositive();
    }

    @Test
    void auditEventsOlderThanTheKeepGoInBoundedBatchesAndNewerOnesStay() {
        Instant now = Instant.now();
        int bound = BATCH * MAX_BATCHES;
        List<String> old = new ArrayList<>();
        for (int i = 0; i < bound + 1; i++) {
            String sid = dev.service().login(APP_1, "hk-audit-old-" + i).sid();
            auditedAt(sid, now.minus(java.time.Duration.ofDays(KEEP_AUDIT_DAYS + 1)));
            old.add(sid);
        }
        String kept = dev.service().login(APP_1, "hk-audit-kept").sid();
        auditedAt(kept, now.minus(java.time.Duration.ofDays(KEEP_AUDIT_DAYS - 1)));
        String recent = dev.service().login(APP_1, "hk-audit-recent").sid();

        assertThat(housekeeping.purge())
                .as("one run: at most batch-size times max-batches")
                .isEqualTo(bound);
        assertThat(old.stream().filter(sid -> !auditIdsOfSession(sid).isEmpty()))
                .hasSize(1);

        assertThat(housekeeping.purge()).isEqualTo(1);
        assertThat(old).allSatisfy(sid -> assertThat(auditIdsOfSession(sid)).isEmpty());
        assertThat(auditIdsOfSession(kept)).as("within the keep").hasSize(1);
        assertThat(auditIdsOfSession(recent)).hasSize(1);
        assertThat(housekeeping.purge()).isZero();
        // The sessions themselves are live: only their audit rows were due.
        assertThat(old).allSatisfy(sid -> assertThat(sessionExists(sid)).isTrue());
    }
}
