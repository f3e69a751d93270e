package io.github.wxlogin.server;

import java.util.Map;
import java.util.function.Supplier;

/** The simulator's QQ side, as the QQ tests drive it: QQ's code2Session path, its stats and faults. */
final class QqSim {

    /** QQ's code2Session under the simulator's {@code /qq} prefix ({@code WXLOGIN_QQ_BASE_URL=<sim>/qq}). */
    static final String CODE2SESSION = "/qq/sns/jscode2session";

    private final Supplier<Sim> sim;

    /** @param sim the simulator, asked at each call (a test's service starts after its fields are set) */
    QqSim(Supplier<Sim> sim) {
        this.sim = sim;
    }

    /** Calls QQ's code2Session has had, failed and faulted ones included. */
    long code2SessionCalls() {
        return sim.get().calls(CODE2SESSION);
    }

    /** The next {@code count} calls answer QQ's {@code errcode}. */
    void fail(int errcode, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "errcode", errcode, "count", count));
    }

    /** The next {@code count} calls answer a gateway's HTML page with this status. */
    void failWithHttp(int status, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "httpStatus", status, "count", count));
    }

    /** The next {@code count} calls stall first. */
    void stall(long latencyMs, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "latencyMs", latencyMs, "count", count));
    }
}
