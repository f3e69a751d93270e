package io.github.wxlogin.core.audit;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An {@link AuditLog} in memory for tests, paged as the JDBC one: newest first by {@code (at, id)}. */
public final class InMemoryAuditLog implements AuditLog {

    private static final Comparator<AuditEvent> NEWEST_FIRST =
            Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        if (events.stream().anyMatch(e -> e.id().equals(event.id()))) {
            throw new IllegalStateException("duplicate audit event id " + event.id());
        }
        events.add(event);
    }

    @Override
    public synchronized List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
        return events.stream()
                .filter(e -> userId.isEmpty() || e.userId().equals(userId))
                .filter(e -> before.isEmpty() || isBefore(e, before.get()))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    /** Every event, in the order appended. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in the order appended. */
    public synchronized List<AuditEvent> events(AuditType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private static boolean isBefore(AuditEvent e, Cursor c) {
        int byTime = e.at().compareTo(c.at());
        return byTime < 0 || byTime == 0 && e.id().compareTo(c.id()) < 0;
    }
}
