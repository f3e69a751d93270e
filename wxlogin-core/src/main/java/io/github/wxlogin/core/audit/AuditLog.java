package io.github.wxlogin.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only log of security events. */
public interface AuditLog {

    void append(AuditEvent event);

    /**
     * Events newest first, {@code limit} at most, strictly older than the cursor (the
     * {@code (at, id)} of the last event of the previous page) when one is given; only the events of
     * {@code userId} when one is given.
     */
    List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit);

    /** A position in the log: the time and id of an event. */
    record Cursor(Instant at, String id) {}
}
