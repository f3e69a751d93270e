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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this process, in bounded caches, one per limit. A bucket left alone until it has refilled
 * (its limit's longest window: a day for a daily cap) is forgotten, which loses nothing; under a flood
 * of distinct keys the least used go first. Each limit has a cache of its own, so a flood of client
 * addresses at the login cannot push a user's daily count out and start it afresh. Buckets refill, and
 * are forgotten, by the service's clock ({@link ClockTime}).
 */
public final class LocalBuckets implements RateLimitBuckets {

    /** A bucket of one or two bandwidths with its key and cache node, estimated. */
    private static final int BUCKET_BYTES = 320;
    /** Each limit's cache is bounded in bytes: about 35,000 keys. */
    static final long MAX_BYTES = 16L << 20;

    private final Map<String, Cache<String, Bucket>> byLimit = new ConcurrentHashMap<>();
    private final ClockTime time;

    /** @param time the service's clock: buckets refill, and are forgotten, by it */
    public LocalBuckets(ClockTime time) {
        this.time = time;
    }

    @Override
    public Optional<Duration> tryTake(RateLimit limit, String key) {
        Bucket bucket = cache(limit).get(key, k -> {
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
        Bucket bucket = cache(limit).getIfPresent(key);
        return bucket == null ? Optional.empty() : wait(bucket.estimateAbilityToConsume(1));
    }

    @Override
    public void giveBack(RateLimit limit, String key) {
        Bucket bucket = cache(limit).getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Cache<String, Bucket> cache(RateLimit limit) {
        return byLimit.computeIfAbsent(
                limit.name(),
                name -> Caffeine.newBuilder()
                        .ticker(time)
                        .expireAfterAccess(limit.longestWindow())
                        .maximumWeight(MAX_BYTES)
                        .weigher((String key, Bucket bucket) -> Bytes.entry(key) + BUCKET_BYTES)
                        .build());
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
