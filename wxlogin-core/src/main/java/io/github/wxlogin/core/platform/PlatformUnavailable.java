package io.github.wxlogin.core.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * A platform's server could not be reached or did not answer in time or in a form we understand
 * (connection refused, timeout, HTTP 5xx, a body that is not its JSON, an open circuit). The message
 * names the API and what went wrong, never the URL or its query string.
 */
public class PlatformUnavailable extends RuntimeException {

    private final String api;
    private final Duration retryAfter;

    public PlatformUnavailable(String api, String reason, Throwable cause) {
        this(api, reason, null, cause);
    }

    /** @param retryAfter when it is worth asking again, when known (an open circuit knows) */
    public PlatformUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        super(api + ": " + reason, cause);
        this.api = api;
        this.retryAfter = retryAfter;
    }

    public String api() {
        return api;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How a client of one platform makes its own kind of {@link PlatformUnavailable}. */
    @FunctionalInterface
    public interface Factory {
        PlatformUnavailable create(String api, String reason, Duration retryAfter, Throwable cause);
    }
}
