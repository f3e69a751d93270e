package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Duration;

/**
 * The one place where WeChat's errcodes become the contract's error codes.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
public final class WeChatErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MINUTE_QUOTA_RETRY = Duration.ofSeconds(60);

    private WeChatErrors() {
    }

    /** What the client is told when WeChat refused a call for it. */
    public static WxLoginException toClientError(WeChatError e) {
        return switch (e.errcode()) {
            case 40029 -> new WxLoginException(ErrorCode.INVALID_CODE,
                    "WeChat refused the code: it is unknown, expired or from another app", null, e);
            case 40163 -> new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged", null, e);
            case 40226 -> new WxLoginException(ErrorCode.USER_BLOCKED,
                    "WeChat flags this user as high-risk", null, e);
            case 45011 -> new WxLoginException(ErrorCode.RATE_LIMITED,
                    "WeChat's per-minute limit for this user was reached", MINUTE_QUOTA_RETRY, e);
            case -1 -> new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "WeChat is busy; try again shortly", BUSY_RETRY, e);
            // The client did nothing wrong and cannot fix a misconfigured service: a 503 it may retry,
            // and an operator alert (see isMisconfiguration).
            default -> isMisconfiguration(e)
                    ? new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE,
                            "WeChat refused this service's app credentials; the operator must check its configuration",
                            MINUTE_QUOTA_RETRY, e)
                    : new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE,
                            "WeChat answered errcode " + e.errcode(), BUSY_RETRY, e);
        };
    }

    public static WxLoginException toClientError(WeChatUnavailable e) {
        return new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE,
                "WeChat could not be reached; try again shortly", e.retryAfter().orElse(BUSY_RETRY), e);
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
