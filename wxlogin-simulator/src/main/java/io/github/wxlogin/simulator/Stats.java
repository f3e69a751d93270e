package io.github.wxlogin.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.node.ObjectNode;

/** Calls to each WeChat path, failed and faulted ones included. */
final class Stats {

    private final Map<WeChatPath, LongAdder> calls = new EnumMap<>(WeChatPath.class);

    Stats() {
        for (WeChatPath p : WeChatPath.values()) {
            calls.put(p, new LongAdder());
        }
    }

    void count(WeChatPath path) {
        calls.get(path).increment();
    }

    /** {@code {"/sns/jscode2session": N, ...}}, every path listed, zeros included. */
    ObjectNode snapshot() {
        ObjectNode out = Json.object();
        for (WeChatPath p : WeChatPath.values()) {
            out.put(p.path(), calls.get(p).sum());
        }
        return out;
    }

    void clear() {
        calls.values().forEach(LongAdder::reset);
    }
}
