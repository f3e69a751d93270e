package io.github.wxlogin.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The log of security events: appended to, read, and trimmed only by age ({@link #purge}, the
 * retention housekeeping applies); an event is never changed, but for the user it names when that user
 * is merged into another ({@link #reassign}), so its history goes with it.
 */
public interface AuditLog {

    void append(AuditEvent event);

    /**
     * Events newest first, {@code limit} at most, strictly older than the cursor (the
     * {@code (at, id)} of the last event of the previous page) when one is given; only the events of
     * {@code userId} when one is given.
     */
    List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit);

    /**
     * Deletes at most {@code batch} events that happened strictly before {@code before}, oldest first,
     * so one call is one short statement however much is due.
     *
     * @return how many events this call deleted (fewer than {@code batch} once nothing older is left)
     */
    int purge(Instant before, int batch);

    /**
     * Re-points every event of user {@code fromUserId} to {@code intoUserId} (a merge: the history of
     * the user merged away becomes the other's); nothing else of an event changes.
     *
     * @return how many events were re-pointed
     */
    int reassign(String fromUserId, String intoUserId);

    /** A position in the log: the time and id of an event. */
    record Cursor(Instant at, String id) {}
}
