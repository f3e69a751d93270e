package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.core.login.AppThrottle;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's two limits on logins and refreshes (API.md {@code WXLOGIN_RATE_LIMIT_PER_IP}, and
 * per app): which are on, and each refusal counted ({@code wxlogin.rate_limit.refusals}).
 */
public final class RateLimits implements AppThrottle {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final RateLimitBuckets buckets;
    private final Optional<RateLimit> perIp;
    private final Optional<RateLimit> perApp;
    private final Counter ipRefusals;
    private final Counter appRefusals;

    public RateLimits(WxLoginProperties.RateLimit settings, RateLimitBuckets buckets, MeterRegistry registry) {
        this.buckets = buckets;
        Settings.notNegative("per-ip", settings.perIp());
        Settings.notNegative("per-app", settings.perApp());
        this.perIp = settings.perIp() > 0
                ? Optional.of(new RateLimit("per_ip", settings.perIp(), settings.window()))
                : Optional.empty();
        this.perApp = settings.perApp() > 0
                ? Optional.of(new RateLimit("per_app", settings.perApp(), settings.window()))
                : Optional.empty();
        this.ipRefusals = refusals(registry, "per_ip");
        this.appRefusals = refusals(registry, "per_app");
    }

    /** Empty when the client address may log in or refresh now; else how long to wait. */
    Optional<Duration> tryAdmitClient(String address) {
        if (perIp.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> wait = buckets.tryTake(perIp.get(), address);
        if (wait.isPresent()) {
            ipRefusals.increment();
            // DEBUG: a flood must not become a flood of log lines; the refusals are counted.
            RateLimit.Rate rate = perIp.get().rates().get(0);
            log.debug(
                    "Rate limited: client {} over {} logins and refreshes per {}",
                    address,
                    rate.permits(),
                    rate.window());
        }
        return wait;
    }

    boolean limitsClients() {
        return perIp.isPresent();
    }

    @Override
    public Optional<Duration> tryAdmit(String appId) {
        if (perApp.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> wait = buckets.tryTake(perApp.get(), appId);
        if (wait.isPresent()) {
            appRefusals.increment();
            RateLimit.Rate rate = perApp.get().rates().get(0);
            log.debug("Rate limited: app {} over {} logins and refreshes per {}", appId, rate.permits(), rate.window());
        }
        return wait;
    }

    @Override
    public boolean active() {
        return perApp.isPresent();
    }

    /** The counter of one limit's refusals. */
    static Counter refusals(MeterRegistry registry, String limit) {
        return Counter.builder("wxlogin.rate_limit.refusals")
                .description("Requests refused 429 by the service's own limits")
                .tag("limit", limit)
                .register(registry);
    }
}
