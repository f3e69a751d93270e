package io.github.wxlogin.core.wechat;

/**
 * WeChat could not be reached or did not answer in time or in a form we understand (connection
 * refused, timeout, HTTP 5xx, a body that is not WeChat's JSON). The message names the API and what
 * went wrong, never the URL or its query string.
 */
public final class WeChatUnavailable extends RuntimeException {

    private final String api;

    public WeChatUnavailable(String api, String reason, Throwable cause) {
        super(api + ": " + reason, cause);
        this.api = api;
    }

    public String api() {
        return api;
    }
}
