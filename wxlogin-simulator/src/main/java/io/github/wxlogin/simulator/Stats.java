package io.github.wxlogin.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.node.ObjectNode;

/** Calls to each platform API path the simulator answers, failed and faulted ones included. */
final class Stats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<String> order = new CopyOnWriteArrayList<>();

    /** A path to count, listed (at zero) from now on. */
    void register(String path) {
        if (calls.putIfAbsent(path, new LongAdder()) == null) {
            order.add(path);
        }
    }

    boolean knows(String path) {
        return calls.containsKey(path);
    }

    /** The registered paths, in the order they were registered. */
    Iterable<String> paths() {
        return order;
    }

    void count(String path) {
        calls.get(path).increment();
    }

    /** {@code {"/sns/jscode2session": N, ...}}, every registered path listed, zeros included. */
    ObjectNode snapshot() {
        ObjectNode out = Json.object();
        for (String p : order) {
            out.put(p, calls.get(p).sum());
        }
        return out;
    }

    void clear() {
        calls.values().forEach(LongAdder::reset);
    }
}
