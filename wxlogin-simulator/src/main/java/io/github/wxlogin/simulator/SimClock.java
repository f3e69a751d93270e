package io.github.wxlogin.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's time: the configured clock plus an offset that {@code POST /sim/clock} moves forward. */
final class SimClock {

    private final Clock base;
    private final AtomicLong offsetSeconds = new AtomicLong();

    SimClock(Clock base) {
        this.base = base;
    }

    Instant now() {
        return base.instant().plusSeconds(offsetSeconds.get());
    }

    void advance(Duration by) {
        offsetSeconds.addAndGet(by.toSeconds());
    }

    void reset() {
        offsetSeconds.set(0);
    }
}
