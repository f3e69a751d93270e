package io.github.wxlogin.server.redis;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.github.wxlogin.server.ratelimit.ClockTime;
import io.github.wxlogin.server.ratelimit.LocalBuckets;
import io.github.wxlogin.server.ratelimit.RateLimit;
import io.github.wxlogin.server.ratelimit.RateLimitBuckets;
import java.time.Duration;
import java.util.Optional;

/**
 * The fleet's buckets, in Redis (Bucket4j's compare-and-swap over Lettuce): every instance takes from
 * the same bucket, so the fleet allows what one instance would. A key expires once its bucket would
 * be full again. Redis gone is the core's {@code upstream_unavailable}, answered 503 like every other
 * use of the shared state.
 */
final class RedisBuckets implements RateLimitBuckets {

    private static final String PREFIX = "wxlogin:rl:";

    private final LettuceBasedProxyManager<String> buckets;

    RedisBuckets(RedisConnections redis, ClockTime time) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.bytes())
                .clientClock(time)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public Optional<Duration> tryTake(RateLimit limit, String key) {
        try {
            return LocalBuckets.wait(buckets.builder()
                    .build(PREFIX + limit.name() + ":" + key, limit::bucket)
                    .tryConsumeAndReturnRemaining(1));
        } catch (RuntimeException e) {
            // Lettuce's exceptions, and Bucket4j's own timeout and execution exceptions: the shared state
            // did not answer.
            throw RedisFailures.unavailable(e);
        }
    }

    @Override
    public Optional<Duration> waitFor(RateLimit limit, String key) {
        try {
            return LocalBuckets.wait(buckets.builder()
                    .build(PREFIX + limit.name() + ":" + key, limit::bucket)
                    .estimateAbilityToConsume(1));
        } catch (RuntimeException e) {
            throw RedisFailures.unavailable(e);
        }
    }

    @Override
    public void giveBack(RateLimit limit, String key) {
        try {
            buckets.builder()
                    .build(PREFIX + limit.name() + ":" + key, limit::bucket)
                    .addTokens(1);
        } catch (RuntimeException e) {
            throw RedisFailures.unavailable(e);
        }
    }
}
