package io.github.wxlogin.core.audit;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.support.Ids;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records security events with their time and a fresh id: {@link #record} on its own (a failed write
 * is logged and does not fail the request it describes), {@link #write} inside a unit of work (it
 * commits with the change or the change is not made).
 */
public final class Auditor {

    private static final Logger log = LoggerFactory.getLogger(Auditor.class);

    private final AuditLog auditLog;
    private final Clock clock;
    private final Ids ids;

    public Auditor(AuditLog auditLog, Clock clock, Ids ids) {
        this.auditLog = auditLog;
        this.clock = clock;
        this.ids = ids;
    }

    /** Records an event; a failed write is logged and does not fail the caller. */
    public void record(
            AuditType type, String userId, String sessionId, String appId, ClientInfo client, String detail) {
        try {
            write(type, userId, sessionId, appId, client, detail);
        } catch (RuntimeException e) {
            log.error(
                    "Could not write audit event {} (user={}, session={}): {}",
                    type.code(),
                    userId,
                    sessionId,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Records an event as part of the unit of work open now ({@link
     * io.github.wxlogin.core.support.Transactions}): it commits with the change it describes, and a
     * failed write fails the unit, so the change is never kept without its row.
     */
    public void write(AuditType type, String userId, String sessionId, String appId, ClientInfo client, String detail) {
        auditLog.append(new AuditEvent(
                ids.randomText(12),
                type,
                clock.instant(),
                Optional.ofNullable(userId),
                Optional.ofNullable(sessionId),
                Optional.ofNullable(appId),
                client,
                Optional.ofNullable(detail)));
    }
}
