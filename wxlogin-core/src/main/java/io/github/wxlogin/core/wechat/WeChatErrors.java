package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import java.time.Duration;

/**
 * The one place where WeChat's errcodes become the contract's error codes.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
public final class WeChatErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MINUTE_QUOTA_RETRY = Duration.ofSeconds(60);

    private WeChatErrors() {}

    /** What the client is told when WeChat refused a call for it. */
    public static PlatformException toClientError(WeChatError e) {
        boolean heard = !e.isBusy();
        return switch (e.errcode()) {
            case 40029 ->
                new PlatformException(
                        ErrorCode.INVALID_CODE,
                        "WeChat refused the code: it is unknown, expired or from another app",
                        null,
                        heard,
                        e);
            case 40163 -> new PlatformException(ErrorCode.CODE_USED, "the code was already exchanged", null, heard, e);
            case 40226 ->
                new PlatformException(ErrorCode.USER_BLOCKED, "WeChat flags this user as high-risk", null, heard, e);
            case 45011 ->
                new PlatformException(
                        ErrorCode.RATE_LIMITED,
                        "WeChat's per-minute limit for this user was reached",
                        MINUTE_QUOTA_RETRY,
                        heard,
                        e);
            case -1 ->
                new PlatformException(
                        ErrorCode.UPSTREAM_UNAVAILABLE, "WeChat is busy; try again shortly", BUSY_RETRY, heard, e);
            // The client did nothing wrong and cannot fix a misconfigured service: a 503 it may retry,
            // and an operator alert (see isMisconfiguration).
            default ->
                isMisconfiguration(e)
                        ? new PlatformException(
                                ErrorCode.UPSTREAM_UNAVAILABLE,
                                "WeChat refused this service's app credentials; the operator must check its configuration",
                                MINUTE_QUOTA_RETRY,
                                heard,
                                e)
                        : new PlatformException(
                                ErrorCode.UPSTREAM_UNAVAILABLE,
                                "WeChat answered errcode " + e.errcode(),
                                BUSY_RETRY,
                                heard,
                                e);
        };
    }

    /** WeChat was not reached or gave no usable answer: the request counts as not heard. */
    public static PlatformException toClientError(WeChatUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "WeChat could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /**
     * Errcodes that mean the service's own configuration is wrong, worth an operator's attention:
     * 40013 unknown appid, 40125 wrong secret, 41002/41004 appid or secret missing, 40002 bad grant_type.
     */
    public static boolean isMisconfiguration(WeChatError e) {
        return switch (e.errcode()) {
            case 40013, 40125, 41002, 41004, 40002 -> true;
            default -> false;
        };
    }
}
