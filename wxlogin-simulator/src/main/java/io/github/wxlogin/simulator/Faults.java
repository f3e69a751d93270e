package io.github.wxlogin.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Injected failures, queued per API path and used up one call at a time, in order. */
final class Faults {

    /**
     * One faulty call: first stall {@code latencyMs}, then answer {@code errcode}, or {@code httpStatus}
     * with an HTML body, or (neither) the normal answer.
     */
    record Fault(OptionalInt errcode, long latencyMs, OptionalInt httpStatus) {
        Fault {
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latencyMs must not be negative");
            }
            if (errcode.isPresent() && httpStatus.isPresent()) {
                throw new IllegalArgumentException("a fault answers an errcode or an httpStatus, not both");
            }
        }
    }

    private static final class Pending {
        final Fault fault;
        int remaining;

        Pending(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final Map<String, Deque<Pending>> queues = new HashMap<>();

    synchronized void add(String path, Fault fault, int count) {
        queues.computeIfAbsent(path, p -> new ArrayDeque<>()).addLast(new Pending(fault, count));
    }

    /** The fault for this call, if one is queued; uses it up. */
    synchronized Optional<Fault> take(String path) {
        Deque<Pending> queue = queues.get(path);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Pending head = queue.peekFirst();
        if (--head.remaining <= 0) {
            queue.removeFirst();
        }
        return Optional.of(head.fault);
    }

    synchronized void clear() {
        queues.clear();
    }
}
