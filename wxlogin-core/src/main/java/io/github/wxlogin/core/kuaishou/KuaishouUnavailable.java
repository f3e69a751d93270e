package io.github.wxlogin.core.kuaishou;

import io.github.wxlogin.core.platform.PlatformUnavailable;
import java.time.Duration;

/**
 * Kuaishou could not be reached or did not answer in time or in a form we understand (connection
 * refused, timeout, HTTP 5xx, a body that is not Kuaishou's JSON, an open circuit). The message names the
 * API and what went wrong, never the URL or the form sent.
 */
public final class KuaishouUnavailable extends PlatformUnavailable {

    public KuaishouUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        super(api, reason, retryAfter, cause);
    }

    KuaishouUnavailable(String api, String reason) {
        super(api, reason, null, null);
    }
}
