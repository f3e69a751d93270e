package io.github.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Refused admin calls counted per address on in-process buckets whose time the test moves by hand: past
 * the limit an address waits until a permit refills, and a burst is recorded once per window.
 */
class AdminRefusalsTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String ADDRESS = "203.0.113.7";

    /** The buckets' time, moved only by the test. */
    private final MutableClock time = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private AdminRefusals refusals(int limit) {
        return new AdminRefusals(
                new WxLoginProperties.RateLimit(300, 0, limit, WINDOW, 60, 5, 10),
                new LocalBuckets(new ClockTime(time)),
                registry);
    }

    @Test
    void anAddressPastItsLimitWaitsUntilAPermitRefillsWhileOthersGoOn() {
        AdminRefusals refusals = refusals(3);
        for (int i = 0; i < 3; i++) {
            assertThat(refusals.waitBeforeTrying(ADDRESS)).isEmpty();
            assertThat(refusals.refuse(ADDRESS).retryAfter()).isEmpty();
        }

        Optional<Duration> wait = refusals.waitBeforeTrying(ADDRESS);

        // Three a minute, refilled smoothly: one permit every 20 seconds.
        assertThat(wait).hasValue(Duration.ofSeconds(20));
        assertThat(refusals.waitBeforeTrying("203.0.113.8")).isEmpty();
        time.advance(Duration.ofSeconds(19));
        assertThat(refusals.waitBeforeTrying(ADDRESS)).hasValue(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));
        assertThat(refusals.waitBeforeTrying(ADDRESS)).isEmpty();
        assertThat(refusals.refuse(ADDRESS).retryAfter()).isEmpty();
        assertThat(refusals.waitBeforeTrying(ADDRESS)).isPresent();
        assertThat(registry.counter("wxlogin.rate_limit.refusals", "limit", "admin_refusals")
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aRefusalThatRacedPastTheLimitIsTooManyAndNotRecorded() {
        AdminRefusals refusals = refusals(2);
        refusals.refuse(ADDRESS);
        refusals.refuse(ADDRESS);

        AdminRefusals.Refusal raced = refusals.refuse(ADDRESS);

        assertThat(raced.retryAfter()).hasValue(Duration.ofSeconds(30));
        assertThat(raced.firstOfBurst()).isFalse();
        assertThat(registry.counter("wxlogin.admin.refusals").count()).isEqualTo(2);
    }

    @Test
    void onlyTheFirstRefusalOfABurstIsRecordedAndTheNextBurstAfterAWholeWindow() {
        AdminRefusals refusals = refusals(0); // no limit: every refusal is a 401
        List<Boolean> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(refusals.refuse(ADDRESS).firstOfBurst());
        }

        assertThat(first.get(0)).isTrue();
        assertThat(first.subList(1, 50)).containsOnly(false);
        assertThat(refusals.refuse("203.0.113.8").firstOfBurst())
                .as("another address has its own burst")
                .isTrue();
        time.advance(WINDOW.minusSeconds(1));
        assertThat(refusals.refuse(ADDRESS).firstOfBurst()).isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(refusals.refuse(ADDRESS).firstOfBurst()).isTrue();
        assertThat(registry.counter("wxlogin.admin.refusals").count()).isEqualTo(53);
    }

    @Test
    void withTheLimitOffNoAddressEverWaits() {
        AdminRefusals refusals = refusals(0);
        for (int i = 0; i < 100; i++) {
            assertThat(refusals.refuse(ADDRESS).retryAfter()).isEmpty();
        }

        assertThat(refusals.waitBeforeTrying(ADDRESS)).isEmpty();
    }

    @Test
    void addressesOfOneIpv6Slash64ShareOneLimit() {
        AdminRefusals refusals = refusals(2);
        refusals.refuse("2001:db8:1:2::1");
        refusals.refuse("2001:db8:1:2::2");

        assertThat(refusals.waitBeforeTrying("2001:db8:1:2:ffff::3")).isPresent();
        assertThat(refusals.waitBeforeTrying("2001:db8:1:3::1")).isEmpty();
    }
}
