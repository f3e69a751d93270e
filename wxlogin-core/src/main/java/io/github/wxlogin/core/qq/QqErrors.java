package io.github.wxlogin.core.qq;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Duration;

/**
 * The one place where QQ's errcodes become the contract's error codes. QQ's code2Session documents
 * four values: {@code 0} success, {@code -1} system busy, {@code 40029} invalid code, {@code 45011}
 * the per-user limit of 100 calls a minute (QQ's page as mirrored at
 * https://www.w3cschool.cn/qqxiaochengxu/qqxiaochengxu-c5fl3875.html). QQ documents no
 * errcode for a spent code (it is one more "code 无效"), a risky user, or a wrong appid or secret:
 * anything else is the service's to look into, never the client's fault, so it is a 503 and an
 * operator's log line ({@link #isUndocumented}).
 */
public final class QqErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MINUTE_QUOTA_RETRY = Duration.ofSeconds(60);

    private QqErrors() {}

    /** What the client is told when QQ refused the code exchange. */
    public static PlatformException toClientError(WeChatError e) {
        boolean heard = !e.isBusy();
        return switch (e.errcode()) {
            case 40029 ->
                new PlatformException(
                        ErrorCode.INVALID_CODE,
                        "QQ refused the code: it is unknown, expired, already used or from another app",
                        null,
                        heard,
                        e);
            case 45011 ->
                new PlatformException(
                        ErrorCode.RATE_LIMITED,
                        "QQ's per-minute limit for this user was reached",
                        MINUTE_QUOTA_RETRY,
                        heard,
                        e);
            case -1 ->
                new PlatformException(
                        ErrorCode.UPSTREAM_UNAVAILABLE, "QQ is busy; try again shortly", BUSY_RETRY, heard, e);
            default ->
                new PlatformException(
                        ErrorCode.UPSTREAM_UNAVAILABLE,
                        "QQ refused this service's request; the operator must check the app's configuration",
                        MINUTE_QUOTA_RETRY,
                        heard,
                        e);
        };
    }

    /** QQ was not reached or gave no usable answer: the code counts as not heard. */
    public static PlatformException toClientError(WeChatUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "QQ could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /**
     * An errcode QQ does not document for code2Session: most likely the service's own appid or secret
     * (WeChat's 40013 and 40125), worth an operator's attention.
     */
    public static boolean isUndocumented(WeChatError e) {
        return switch (e.errcode()) {
            case -1, 40029, 45011 -> false;
            default -> true;
        };
    }

    /** {@code POST /v1/me/phone} for a QQ app: QQ's mini programs have no phone-number button. */
    static PlatformException noPhoneButton() {
        return new PlatformException(
                ErrorCode.UNSUPPORTED,
                "QQ mini programs have no getPhoneNumber button: QQ gives neither a phone code nor encrypted phone data",
                null,
                false,
                null);
    }
}
