package io.github.wxlogin.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.server.TestRedis;
import io.github.wxlogin.server.ratelimit.ClockTime;
import io.github.wxlogin.server.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's buckets in the machine's Redis: two instances (two connections) take from one bucket
 * per key, a limit of two rates holds both, and a key lives in Redis as long as its daily cap needs.
 */
class RedisBucketsTest {

    private static final int DB = 14;

    private final RedisConnections first = new RedisConnections(TestRedis.database(DB));
    private final RedisConnections second = new RedisConnections(TestRedis.database(DB));

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void twoInstancesShareOneBucketOfTwoRates() {
        // A clock that stands still: nothing refills while the test runs, however slow the machine.
        ClockTime time = new ClockTime(new MutableClock(Instant.now()));
        RedisBuckets a = new RedisBuckets(first, time);
        RedisBuckets b = new RedisBuckets(second, time);
        RateLimit phone = new RateLimit("per_user_phone", 3, Duration.ofMinutes(1)).and(5, Duration.ofDays(1));
        String user = "u_" + UUID.randomUUID();

        assertThat(a.tryTake(phone, user)).isEmpty();
        assertThat(b.tryTake(phone, user)).isEmpty();
        assertThat(a.tryTake(phone, user)).isEmpty();

        assertThat(b.tryTake(phone, user))
                .as("the fleet's three a minute are spent")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)));
        assertThat(a.tryTake(phone, "u_other")).as("another key").isEmpty();
        List<String> keys = List.copyOf(first.sync().keys("wxlogin:rl:per_user_phone:" + user));
        assertThat(keys).hasSize(1);
        assertThat(first.sync().pttl(keys.get(0)))
                .as("kept until the daily rate has refilled, not dropped after a minute")
                .isGreaterThan(Duration.ofHours(1).toMillis());
    }

    @Test
    void aPermitGivenBackOnOneInstanceCanBeTakenOnTheOtherAndAFullBucketStaysFull() {
        ClockTime time = new ClockTime(new MutableClock(Instant.now()));
        RedisBuckets a = new RedisBuckets(first, time);
        RedisBuckets b = new RedisBuckets(second, time);
        RateLimit phone = new RateLimit("per_user_phone", 2, Duration.ofMinutes(1)).and(2, Duration.ofDays(1));
        String user = "u_" + UUID.randomUUID();

        a.giveBack(phone, user);
        assertThat(a.tryTake(phone, user)).isEmpty();
        assertThat(b.tryTake(phone, user)).isEmpty();
        assertThat(a.tryTake(phone, user))
                .as("a full bucket given one more still held two")
                .isPresent();

        a.giveBack(phone, user);

        assertThat(b.tryTake(phone, user))
                .as("the permit given back, under both rates")
                .isEmpty();
        assertThat(a.tryTake(phone, user)).isPresent();
    }
}
