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
    /** The paid phone-number quota comes back only when the operator buys more: not within a code's life. */
    static final Duration PHONE_QUOTA_RETRY = Duration.ofHours(1);
    /**
     * The app's paid quota of phone-number verifications is spent (charged since 2023-08-28). WeChat
     * documents it as the getPhoneNumber button's {@code errno} in the mini program; whether
     * getuserphonenumber answers it too is not documented, so it is mapped should it ever come.
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html
     */
    static final int PHONE_QUOTA_SPENT = 1400001;

    private WeChatErrors() {}

    /** What the client is told when WeChat refused a call for it. */
    public static PlatformException toClientError(WeChatError e) {
        boolean heard = !e.isBusy();
        if (isPhoneCodeRefused(e)) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "WeChat refused the phone code: it is unknown, expired, already used, from another app"
                            + " or another user's",
                    null,
                    heard,
                    e);
        }
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
            case PHONE_QUOTA_SPENT ->
                new PlatformException(
                        ErrorCode.UPSTREAM_UNAVAILABLE,
                        "WeChat's phone-number quota for this app is spent; the operator must buy more",
                        PHONE_QUOTA_RETRY,
                        heard,
                        e);
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
     * getuserphonenumber refused the code for the user whose openid went with it. Its page lists 40029
     * for a code that cannot be used and names no errcode for a code of another user; 40003 (invalid
     * openid) is taken the same way should WeChat answer a mismatch so, since the openid sent is the
     * one WeChat itself gave the user.
     */
    private static boolean isPhoneCodeRefused(WeChatError e) {
        return WeChatClient.PHONE_NUMBER.equals(e.api()) && (e.errcode() == 40029 || e.errcode() == 40003);
    }

    /** WeChat's paid phone-number quota of the app is spent: an operator alert, not the client's doing. */
    public static boolean isPhoneQuotaSpent(WeChatError e) {
        return e.errcode() == PHONE_QUOTA_SPENT;
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
