package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.platform.PlatformUnavailable;
import java.time.Duration;

/**
 * WeChat could not be reached or did not answer in time or in a form we understand (connection
 * refused, timeout, HTTP 5xx, a body that is not WeChat's JSON). The message names the API and what
 * went wrong, never the URL or its query string.
 */
public final class WeChatUnavailable extends PlatformUnavailable {

    public WeChatUnavailable(String api, String reason, Throwable cause) {
        super(api, reason, null, cause);
    }

    /** @param retryAfter when it is worth asking again, when known (an open circuit knows) */
    public WeChatUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        super(api, reason, retryAfter, cause);
    }
}
