package io.github.wxlogin.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat's per-user limit on code2Session calls, counted in clock minutes ("retry next minute"):
 * the call past the limit within one minute is refused with 45011 until the next minute starts.
 */
final class MinuteQuota {

    private record Window(long minute, int count) {}

    private final Map<UserRef, Window> windows = new ConcurrentHashMap<>();

    /** Counts one call; false when it goes over {@code limit} ({@code 0} = no limit). */
    boolean tryAcquire(UserRef ref, int limit, Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        Window w = windows.compute(
                ref,
                (r, old) -> old == null || old.minute() != minute
                        ? new Window(minute, 1)
                        : new Window(minute, old.count() + 1));
        return limit == 0 || w.count() <= limit;
    }

    void clear() {
        windows.clear();
    }
}
