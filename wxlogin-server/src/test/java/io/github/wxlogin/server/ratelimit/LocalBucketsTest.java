package io.github.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The buckets of one instance, on a clock the test moves: a limit of two rates holds both, and a
 * bucket is kept until its longest window has passed, so a daily cap is not forgotten after a minute.
 */
class LocalBucketsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LocalBuckets buckets = new LocalBuckets(new ClockTime(clock));

    private void elapse(Duration d) {
        clock.advance(d);
    }

    @Test
    void aMinuteRateAndADailyCapBothHold() {
        RateLimit phone = new RateLimit("per_user_phone", 2, Duration.ofMinutes(1)).and(3, Duration.ofDays(1));

        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        assertThat(buckets.tryTake(phone, "u_1"))
                .as("the minute's two are spent")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));

        elapse(Duration.ofMinutes(2));
        assertThat(buckets.tryTake(phone, "u_1")).as("the third of the day").isEmpty();
        elapse(Duration.ofMinutes(2));

        assertThat(buckets.tryTake(phone, "u_1"))
                .as("the day's three are spent; the bucket was not forgotten after its minute")
                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofHours(7)));
        assertThat(buckets.tryTake(phone, "u_2")).as("another user's bucket").isEmpty();
    }

    @Test
    void aPermitGivenBackCanBeTakenAgainUnderEveryRateAndAFullBucketStaysFull() {
        RateLimit phone = new RateLimit("per_user_phone", 2, Duration.ofMinutes(1)).and(2, Duration.ofDays(1));

        buckets.giveBack(phone, "u_1");
        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        buckets.giveBack(phone, "u_1");
        buckets.giveBack(phone, "u_1");
        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        assertThat(buckets.tryTake(phone, "u_1"))
                .as("a full bucket given more still held two")
                .isPresent();

        buckets.giveBack(phone, "u_1");

        assertThat(buckets.tryTake(phone, "u_1"))
                .as("the permit given back, under both rates")
                .isEmpty();
        assertThat(buckets.tryTake(phone, "u_1")).isPresent();
    }

    @Test
    void aBucketLeftAloneUntilItRefilledStartsFull() {
        RateLimit limit = new RateLimit("per_user_decrypt", 1, Duration.ofMinutes(1));
        assertThat(buckets.tryTake(limit, "u_1")).isEmpty();
        assertThat(buckets.tryTake(limit, "u_1")).isPresent();

        elapse(Duration.ofMinutes(1));

        assertThat(buckets.tryTake(limit, "u_1")).isEmpty();
    }

    @Test
    void limitsOfOneKeyAreApart() {
        RateLimit decrypt = new RateLimit("per_user_decrypt", 1, Duration.ofMinutes(1));
        RateLimit phone = new RateLimit("per_user_phone", 1, Duration.ofMinutes(1));

        assertThat(buckets.tryTake(decrypt, "u_1")).isEmpty();

        assertThat(buckets.tryTake(phone, "u_1")).isEmpty();
        assertThat(buckets.tryTake(decrypt, "u_1")).isPresent();
    }
}
