package io.github.wxlogin.core.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Caffeine reads time through a {@link Ticker}; this one moves only when told. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
