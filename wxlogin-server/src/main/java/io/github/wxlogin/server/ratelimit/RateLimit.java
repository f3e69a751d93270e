package io.github.wxlogin.server.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One limit: {@code permits} per {@code window}, refilled smoothly (greedy), for every key of one
 * kind ({@code name}: per_ip, per_app).
 */
public record RateLimit(String name, int permits, Duration window) {

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("a limit allows at least one");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit's window must be positive");
        }
    }

    /** The Bucket4j configuration of one key's bucket. */
    public BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, window))
                .build();
    }
}
