package io.github.wxlogin.server.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * The service's {@link Clock} as Bucket4j's time and Caffeine's ticker, so that buckets refill, and
 * forgotten buckets expire, by the same time as everything else the service does.
 */
public final class ClockTime implements TimeMeter, Ticker {

    private final Clock clock;

    public ClockTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }
}
