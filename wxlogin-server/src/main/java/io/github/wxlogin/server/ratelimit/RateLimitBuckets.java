package io.github.wxlogin.server.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets by key (Bucket4j): in this process for one instance, in Redis for a fleet, so the
 * fleet as a whole allows what one instance would.
 */
public interface RateLimitBuckets {

    /**
     * Takes one permit from the bucket of {@code key} under {@code limit}.
     *
     * @return empty when taken; else how long until a permit is free
     */
    Optional<Duration> tryTake(RateLimit limit, String key);

    /**
     * Whether the bucket of {@code key} under {@code limit} has a permit now, taking none.
     *
     * @return empty when it has; else how long until it has
     */
    Optional<Duration> waitFor(RateLimit limit, String key);

    /**
     * Gives back a permit taken from the bucket of {@code key} under {@code limit} for a call that was
     * then not made (the instance was too busy to start it); a bucket already full stays full.
     */
    void giveBack(RateLimit limit, String key);
}
