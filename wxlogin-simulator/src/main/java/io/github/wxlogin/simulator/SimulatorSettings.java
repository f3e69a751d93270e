package io.github.wxlogin.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link WeChatSimulator} starts.
 *
 * @param apps                    the mini programs it knows, with their secrets and groups; at least one
 * @param rotateSessionKeyOnLogin whether each successful {@code jscode2session} gives the user a fresh
 *                                session_key (otherwise a user keeps the key of its first login)
 * @param perUserMinuteLimit      {@code jscode2session} calls allowed per user and app per clock
 *                                minute before {@code 45011}; {@code 0} turns the limit off
 * @param clock                   the time source; {@code POST /sim/clock} moves the simulator ahead of it
 */
public record SimulatorSettings(SimApps apps, boolean rotateSessionKeyOnLogin, int perUserMinuteLimit, Clock clock) {

    /** WeChat's documented limit: 100 code2Session calls per user per minute. */
    public static final int DEFAULT_MINUTE_LIMIT = 100;

    public SimulatorSettings {
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(clock, "clock");
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one app");
        }
        if (perUserMinuteLimit < 0) {
            throw new IllegalArgumentException("perUserMinuteLimit must be 0 (off) or more");
        }
    }

    /** The apps given, a stable session_key per user, 100 calls a minute, the system clock. */
    public static SimulatorSettings defaults(SimApps apps) {
        return new SimulatorSettings(apps, false, DEFAULT_MINUTE_LIMIT, Clock.systemUTC());
    }

    public SimulatorSettings withRotateSessionKeyOnLogin(boolean rotate) {
        return new SimulatorSettings(apps, rotate, perUserMinuteLimit, clock);
    }

    public SimulatorSettings withPerUserMinuteLimit(int limit) {
        return new SimulatorSettings(apps, rotateSessionKeyOnLogin, limit, clock);
    }

    public SimulatorSettings withClock(Clock newClock) {
        return new SimulatorSettings(apps, rotateSessionKeyOnLogin, perUserMinuteLimit, newClock);
    }
}
