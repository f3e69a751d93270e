package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Refused admin calls by client address (the one {@code ClientAddressFilter} settled on; an IPv6
 * address by its /64, as {@link ClientKey} counts it), in two buckets of the shared machinery, so a
 * fleet counts them together in Redis:
 * <ul>
 * <li>the limit ({@code WXLOGIN_RATE_LIMIT_ADMIN_REFUSALS} refusals per window): an address whose
 *     bucket is empty is refused 429 before its credential is even compared, the right one included,
 *     until a permit refills (a guesser must not learn from a 401 or a 200 which guess was right);</li>
 * <li>the record: one permit per window, so only the first refusal of a burst from an address is
 *     written to the audit log and logged at WARN, however many follow (they are counted).</li>
 * </ul>
 */
public final class AdminRefusals {

    /** What became of one refusal. */
    public record Refusal(Optional<Duration> retryAfter, boolean firstOfBurst) {}

    private final RateLimitBuckets buckets;
    private final Optional<RateLimit> limit;
    private final RateLimit record;
    private final Counter refused;
    private final Counter limited;

    public AdminRefusals(WxLoginProperties.RateLimit settings, RateLimitBuckets buckets, MeterRegistry registry) {
        this.buckets = buckets;
        this.limit = settings.adminRefusals() > 0
                ? Optional.of(new RateLimit("admin_refusals", settings.adminRefusals(), settings.window()))
                : Optional.empty();
        this.record = new RateLimit("admin_refusal_records", 1, settings.window());
        this.refused = Counter.builder("wxlogin.admin.refusals")
                .description("Admin calls refused 401 for a missing or wrong admin credential, recorded or not")
                .register(registry);
        this.limited = RateLimits.refusals(registry, "admin_refusals");
    }

    /**
     * Whether {@code address} may present a credential now; takes nothing.
     *
     * @return empty when it may; else how long until it may
     * @throws io.github.wxlogin.core.error.WxLoginException {@code upstream_unavailable} when the shared
     *     state (Redis) does not answer
     */
    public Optional<Duration> waitBeforeTrying(String address) {
        Optional<Duration> wait = limit.flatMap(l -> buckets.waitFor(l, ClientKey.of(address)));
        wait.ifPresent(w -> limited.increment());
        return wait;
    }

    /**
     * Counts a refused credential from {@code address}. Its {@code retryAfter} is present when the
     * address was already over its limit (calls that raced past {@link #waitBeforeTrying}): answer it 429.
     *
     * @throws io.github.wxlogin.core.error.WxLoginException {@code upstream_unavailable} when the shared
     *     state (Redis) does not answer
     */
    public Refusal refuse(String address) {
        String key = ClientKey.of(address);
        Optional<Duration> over = limit.flatMap(l -> buckets.tryTake(l, key));
        if (over.isPresent()) {
            limited.increment();
            return new Refusal(over, false);
        }
        refused.increment();
        return new Refusal(Optional.empty(), buckets.tryTake(record, key).isEmpty());
    }

    /** The window a burst is recorded once in. */
    public Duration window() {
        return record.longestWindow();
    }
}
