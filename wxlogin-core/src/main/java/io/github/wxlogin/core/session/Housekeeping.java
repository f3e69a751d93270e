package io.github.wxlogin.core.session;

import io.github.wxlogin.core.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sessions that expired or ended, refresh tokens that expired, and audit events older than
 * the audit log's retention, in bounded batches so no single statement holds locks for long. Spent
 * refresh tokens are kept until they expire: presenting one before then must still be recognised as
 * reuse.
 */
public final class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final SessionStore store;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration keepEnded;
    private final Duration keepAudit;
    private final int batch;
    private final int maxBatches;

    /**
     * @param keepEnded how long an ended or expired session stays visible before it is deleted
     * @param keepAudit how long an audit event is kept; zero keeps every event
     * @param batch rows per delete
     * @param maxBatches batches per run, for the sessions and for the audit log each, so one run is
     *     bounded too
     */
    public Housekeeping(
            SessionStore store,
            AuditLog auditLog,
            Clock clock,
            Duration keepEnded,
            Duration keepAudit,
            int batch,
            int maxBatches) {
        this.store = store;
        this.auditLog = auditLog;
        this.clock = clock;
        this.keepEnded = keepEnded;
        this.keepAudit = keepAudit;
        this.batch = batch;
        this.maxBatches = maxBatches;
    }

    /** One run; the number of rows deleted. */
    public int purge() {
        Instant now = clock.instant();
        int sessions = inBatches(store::purge, now.minus(keepEnded));
        if (sessions > 0) {
            log.info("Housekeeping deleted {} expired or ended sessions and refresh tokens", sessions);
        }
        int events = keepAudit.isZero() ? 0 : inBatches(auditLog::purge, now.minus(keepAudit));
        if (events > 0) {
            log.info("Housekeeping deleted {} audit events older than {}", events, keepAudit);
        }
        return sessions + events;
    }

    /** Deletes up to {@code maxBatches} batches, stopping at the first that finds nothing. */
    private int inBatches(BiFunction<Instant, Integer, Integer> purge, Instant before) {
        int total = 0;
        for (int i = 0; i < maxBatches; i++) {
            int deleted = purge.apply(before, batch);
            total += deleted;
            if (deleted == 0) {
                break;
            }
        }
        return total;
    }
}
