package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.platform.PlatformUnavailable;
import java.time.Duration;

/**
 * Douyin could not be reached or did not answer in time or in a form we understand (connection refused,
 * timeout, HTTP 5xx, a body that is not Douyin's JSON). The message names the API and what went wrong,
 * never the URL, the body sent or a header.
 */
public final class DouyinUnavailable extends PlatformUnavailable {

    public DouyinUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        super(api, reason, retryAfter, cause);
    }

    DouyinUnavailable(String api, String reason) {
        super(api, reason, null, null);
    }
}
