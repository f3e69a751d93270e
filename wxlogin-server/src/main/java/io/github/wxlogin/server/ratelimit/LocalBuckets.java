package io.github.wxlogin.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.wxlogin.core.support.Bytes;
import java.time.Duration;
import java.util.Optional;

/**
 * Buckets in this process, in a bounded cache. A bucket left alone for a whole window has refilled,
 * so forgetting it then loses nothing; under a flood of distinct keys the least recently used go first.
 */
public final class LocalBuckets implements RateLimitBuckets {

    /** A bucket of one or two bandwidths with its key and cache node, estimated. */
    private static final int BUCKET_BYTES = 320;
    /** The cache's bound in bytes: about 35,000 addresses. */
    static final long MAX_BYTES = 16L << 20;

    private final Cache<String, Bucket> buckets;
    private final ClockTime time;

    /** @param time the service's clock: buckets refill, and are forgotten, by it */
    public LocalBuckets(Duration longestWindow, ClockTime time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .ticker(time)
                .expireAfterAccess(longestWindow)
                .maximumWeight(MAX_BYTES)
                .weigher((String key, Bucket bucket) -> Bytes.entry(key) + BUCKET_BYTES)
                .build();
    }

    @Override
    public Optional<Duration> tryTake(RateLimit limit, String key) {
        Bucket bucket = buckets.get(limit.name() + ":" + key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth bandwidth : limit.bucket().getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        });
        return wait(bucket.tryConsumeAndReturnRemaining(1));
    }

    @Override
    public Optional<Duration> waitFor(RateLimit limit, String key) {
        // No bucket yet is a full one: asking creates none.
        Bucket bucket = buckets.getIfPresent(limit.name() + ":" + key);
        return bucket == null ? Optional.empty() : wait(bucket.estimateAbilityToConsume(1));
    }

    /** Empty when a permit is free; else the wait for the next. */
    public static Optional<Duration> wait(EstimationProbe probe) {
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Empty when the permit was taken; else the wait for the next. */
    public static Optional<Duration> wait(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
