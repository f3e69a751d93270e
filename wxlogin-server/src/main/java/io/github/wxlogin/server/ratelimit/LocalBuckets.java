package io.github.wxlogin.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.wxlogin.core.support.Bytes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets in this process, in bounded caches, one per limit. A bucket left alone until it has refilled
 * (its limit's longest window: a day for a daily cap) is forgotten, which loses nothing; under a flood
 * of distinct keys the least used go first. Each limit has a cache of its own, so a flood of client
 * addresses at the login cannot push a user's daily count out and start it afresh.
 */
public final class LocalBuckets implements RateLimitBuckets {

    /** A bucket of one or two bandwidths with its key and cache node, estimated. */
    private static final int BUCKET_BYTES = 320;
    /** Each limit's cache is bounded in bytes: about 35,000 keys. */
    static final long MAX_BYTES = 16L << 20;

    private final Map<String, Cache<String, Bucket>> byLimit = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public LocalBuckets() {
        this(System::nanoTime);
    }

    /** @param nanos the clock of the buckets' refills and of the caches' expiry (tests move it) */
    LocalBuckets(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public Optional<Duration> tryTake(RateLimit limit, String key) {
        Bucket bucket = byLimit.computeIfAbsent(limit.name(), name -> cache(limit.longestWindow()))
                .get(key, k -> {
                    LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(new Clock(nanos));
                    for (Bandwidth bandwidth : limit.bucket().getBandwidths()) {
                        builder.addLimit(bandwidth);
                    }
                    return builder.build();
                });
        return wait(bucket.tryConsumeAndReturnRemaining(1));
    }

    private Cache<String, Bucket> cache(Duration longestWindow) {
        Ticker ticker = nanos::getAsLong;
        return Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(longestWindow)
                .maximumWeight(MAX_BYTES)
                .weigher((String key, Bucket bucket) -> Bytes.entry(key) + BUCKET_BYTES)
                .build();
    }

    /** Empty when the permit was taken; else the wait for the next. */
    public static Optional<Duration> wait(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Bucket4j's clock over the same nanoseconds as the caches'. */
    private record Clock(LongSupplier nanos) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return nanos.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
