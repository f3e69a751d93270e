package io.github.wxlogin.simulator;

import java.util.function.Supplier;

/**
 * A request the simulator has taken in: how long an injected fault stalls it, then its answer. The
 * answer is worked out only when asked for, after the stall, so a stalled call sees the state at the
 * end of its stall (a code another call spent meanwhile is spent for it too), as WeChat would. Who
 * waits is the caller's choice: {@link WeChatSimulator#handle} sleeps, {@link SimulatorServer} schedules
 * the answer on its event loop and blocks nothing.
 *
 * @param stallMs how long to wait before asking for the answer; 0 for no stall
 * @param answer  the answer; ask once, after the stall
 */
record Routed(long stallMs, Supplier<SimResponse> answer) {

    Routed {
        if (stallMs < 0) {
            throw new IllegalArgumentException("stallMs must not be negative");
        }
    }

    /** An answer with no stall, known already. */
    static Routed now(SimResponse response) {
        return new Routed(0, () -> response);
    }
}
