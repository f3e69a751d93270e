package io.github.wxlogin.core.baidu;

import io.github.wxlogin.core.platform.PlatformUnavailable;
import java.time.Duration;

/**
 * Baidu could not be reached or did not answer in time or in a form we understand (connection refused,
 * timeout, HTTP 5xx, a body that is not Baidu's JSON). The message names the API and what went wrong,
 * never the URL or the form sent.
 */
public final class BaiduUnavailable extends PlatformUnavailable {

    public BaiduUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        super(api, reason, retryAfter, cause);
    }

    BaiduUnavailable(String api, String reason) {
        super(api, reason, null, null);
    }
}
