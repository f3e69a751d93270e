package io.github.wxlogin.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit log in one process's memory, with the semantics of the JDBC one: events never changed (but
 * for their user, re-pointed by a merge), ids
 * unique, paged newest first by {@code (at, id)}, purged oldest first. Every method is synchronized.
 * It lives as long as the process: for a single instance, development and tests.
 */
public final class InMemoryAuditLog implements AuditLog {

    private static final Comparator<AuditEvent> NEWEST_FIRST =
            Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

    private final List<AuditEvent> appended = new ArrayList<>();
    private final TreeSet<AuditEvent> newestFirst = new TreeSet<>(NEWEST_FIRST);
    private final Set<String> ids = new HashSet<>();

    /** @throws IllegalStateException when an event with this id is in the log (the log is unchanged) */
    @Override
    public synchronized void append(AuditEvent event) {
        if (!ids.add(event.id())) {
            throw new IllegalStateException("duplicate audit event id " + event.id());
        }
        appended.add(event);
        newestFirst.add(event);
    }

    @Override
    public synchronized List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
        return newestFirst.stream()
                .filter(e -> before.isEmpty() || isBefore(e, before.get()))
                .filter(e -> userId.isEmpty() || e.userId().equals(userId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int purge(Instant before, int batch) {
        List<AuditEvent> due = newestFirst.descendingSet().stream()
                .takeWhile(e -> e.at().isBefore(before))
                .limit(batch)
                .toList();
        Set<String> dueIds = new HashSet<>();
        for (AuditEvent e : due) {
            newestFirst.remove(e);
            ids.remove(e.id());
            dueIds.add(e.id());
        }
        appended.removeIf(e -> dueIds.contains(e.id()));
        return due.size();
    }

    @Override
    public synchronized int reassign(String fromUserId, String intoUserId) {
        int moved = 0;
        for (int i = 0; i < appended.size(); i++) {
            AuditEvent e = appended.get(i);
            if (e.userId().filter(fromUserId::equals).isPresent()) {
                AuditEvent reassigned = new AuditEvent(
                        e.id(),
                        e.type(),
                        e.at(),
                        Optional.of(intoUserId),
                        e.sessionId(),
                        e.appId(),
                        e.client(),
                        e.detail());
                appended.set(i, reassigned);
                newestFirst.remove(e);
                newestFirst.add(reassigned);
                moved++;
            }
        }
        return moved;
    }

    /** Every event, in the order appended. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(appended);
    }

    /** The events of one type, in the order appended. */
    public synchronized List<AuditEvent> events(AuditType type) {
        return appended.stream().filter(e -> e.type() == type).toList();
    }

    private static boolean isBefore(AuditEvent e, Cursor c) {
        int byTime = e.at().compareTo(c.at());
        return byTime < 0 || byTime == 0 && e.id().compareTo(c.id()) < 0;
    }
}
