package io.github.wxlogin.server.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One limit for every key of one kind ({@code name}: per_ip, per_app, per_user_phone, …): one or more
 * rates, each {@code permits} per {@code window} refilled smoothly (greedy), all of which a permit
 * must pass (5 a minute and 10 a day, say).
 */
public record RateLimit(String name, List<Rate> rates) {

    /** {@code permits} per {@code window}. */
    public record Rate(int permits, Duration window) {

        public Rate {
            if (permits < 1) {
                throw new IllegalArgumentException("a limit allows at least one");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a limit's window must be positive");
            }
        }
    }

    public RateLimit {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a limit has at least one rate");
        }
    }

    /** A limit of one rate. */
    public RateLimit(String name, int permits, Duration window) {
        this(name, List.of(new Rate(permits, window)));
    }

    /** This limit with one more rate a permit must pass. */
    public RateLimit and(int permits, Duration window) {
        List<Rate> more = new ArrayList<>(rates);
        more.add(new Rate(permits, window));
        return new RateLimit(name, more);
    }

    /** How long an untouched bucket takes to fill up again: after that, forgetting it loses nothing. */
    public Duration longestWindow() {
        return rates.stream().map(Rate::window).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The Bucket4j configuration of one key's bucket. */
    public BucketConfiguration bucket() {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Rate rate : rates) {
            builder.addLimit(limit -> limit.capacity(rate.permits()).refillGreedy(rate.permits(), rate.window()));
        }
        return builder.build();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Rate rate : rates) {
            out.append(out.isEmpty() ? "" : " and ")
                    .append(rate.permits())
                    .append(" per ")
                    .append(rate.window());
        }
        return out.toString();
    }
}
