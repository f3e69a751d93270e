package io.github.wxlogin.core.audit;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.support.Ids;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records security events with their time and a fresh id. An audit write that fails is logged and
 * does not fail the request it describes: a login must not break because the audit table is full.
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

    public void record(
            AuditType type, String userId, String sessionId, String appId, ClientInfo client, String detail) {
        AuditEvent event = new AuditEvent(
                ids.randomText(12),
                type,
                clock.instant(),
                Optional.ofNullable(userId),
                Optional.ofNullable(sessionId),
                Optional.ofNullable(appId),
                client,
                Optional.ofNullable(detail));
        try {
            auditLog.append(event);
        } catch (RuntimeException e) {
            log.error(
                    "Could not write audit event {} (user={}, session={}): {}",
                    type.code(),
                    userId,
                    sessionId,
                    e.getClass().getSimpleName());
        }
    }
}
