package io.github.wxlogin.core.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service talks to a platform's server (WeChat's, Douyin's, …): where it is, and how long it
 * waits. {@code maxAttempts} and {@code totalBudget} bound the retries of the platform's "busy" answer
 * (WeChat's {@code -1}): no call takes
 * more tries or more time in all, whatever the single timeouts are. After {@code circuitFailures}
 * failed calls in a row to one API (each after its retries), calls to it are refused at once for
 * {@code circuitCoolDown}, then one trial call decides whether it is back.
 */
public record PlatformHttpSettings(
        URI baseUrl,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration firstBackoff,
        Duration totalBudget,
        int circuitFailures,
        Duration circuitCoolDown) {

    public static final URI WECHAT = URI.create("https://api.weixin.qq.com");

    public PlatformHttpSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(totalBudget, "totalBudget");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        requirePositive(circuitCoolDown, "circuitCoolDown");
        if (circuitFailures < 1 || circuitFailures > 1000) {
            throw new IllegalArgumentException("circuitFailures must be 1 to 1000");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10");
        }
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("a platform base URL must be http or https");
        }
    }

    /** With the default circuit: open after 5 failed calls in a row, for 10 s. */
    public PlatformHttpSettings(
            URI baseUrl,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxAttempts,
            Duration firstBackoff,
            Duration totalBudget) {
        this(
                baseUrl,
                connectTimeout,
                requestTimeout,
                maxAttempts,
                firstBackoff,
                totalBudget,
                5,
                Duration.ofSeconds(10));
    }

    /** These rules for another platform's server at {@code url}. */
    public PlatformHttpSettings withBaseUrl(URI url) {
        return new PlatformHttpSettings(
                url,
                connectTimeout,
                requestTimeout,
                maxAttempts,
                firstBackoff,
                totalBudget,
                circuitFailures,
                circuitCoolDown);
    }

    /** The defaults: 2 s to connect, 5 s per request, 3 tries within 8 s; open after 5 failures for 10 s. */
    public static PlatformHttpSettings defaults(URI baseUrl) {
        return new PlatformHttpSettings(
                baseUrl,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(8));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * The HTTP client for these settings: one the whole process shares ({@link PlatformHttp}), so each
     * platform adds no threads of its own.
     */
    public java.net.http.HttpClient httpClient() {
        return PlatformHttp.client(connectTimeout);
    }
}
