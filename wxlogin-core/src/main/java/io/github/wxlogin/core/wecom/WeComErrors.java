package io.github.wxlogin.core.wecom;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Duration;

/**
 * The one place where WeCom's errcodes become the contract's error codes. WeCom's code2Session page
 * (https://developer.work.weixin.qq.com/document/path/96959) shows {@code 40029} for an invalid code;
 * the rest is WeCom's global table (https://developer.work.weixin.qq.com/document/path/90455), where,
 * unlike WeChat's, {@code 40001} is a wrong secret (不合法的secret参数), not a bad token:
 * <ul>
 * <li>{@code 40029} 不合法的oauth_code: unknown, expired (five minutes) or used code → {@code invalid_code};</li>
 * <li>{@code 40014} 不合法的access_token, {@code 42001} access_token已过期: the token is renewed once and
 *     the call tried once more ({@link #isTokenRefused}); refused again, the service's configuration is
 *     at fault;</li>
 * <li>{@code 40001} wrong secret, {@code 40013} wrong corpid, {@code 41002}/{@code 41004} corpid or
 *     secret missing, {@code 48002} API forbidden (the token is of a corp app the mini program is not
 *     associated with, or the call came from an address off the app's trusted-IP list; WeCom's errmsg
 *     names the caller's address): the service's configuration ({@link #isMisconfiguration}), an operator's log
 *     line and {@code upstream_unavailable}, as WeChat's wrong secret is;</li>
 * <li>{@code -1} busy: retried within the budget, then {@code upstream_unavailable}.</li>
 * </ul>
 */
public final class WeComErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration CONFIGURATION_RETRY = Duration.ofSeconds(60);

    private WeComErrors() {}

    /** What the client is told when WeCom refused a call made for its login. */
    public static PlatformException toClientError(WeChatError e) {
        boolean codeLookedAt = WeComApi.JSCODE2SESSION.equals(e.api()) && !e.isBusy() && !isTokenRefused(e);
        if (e.errcode() == 40029 && WeComApi.JSCODE2SESSION.equals(e.api())) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "WeCom refused the code: it is unknown, expired, already used or from another mini program",
                    null,
                    true,
                    e);
        }
        if (e.isBusy()) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "WeCom is busy; try again shortly", BUSY_RETRY, false, e);
        }
        if (isMisconfiguration(e) || isTokenRefused(e)) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "WeCom refused this service's corp app credentials; the operator must check its configuration",
                    CONFIGURATION_RETRY,
                    codeLookedAt,
                    e);
        }
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE, "WeCom answered errcode " + e.errcode(), BUSY_RETRY, codeLookedAt, e);
    }

    /** WeCom was not reached or gave no usable answer: the code counts as not heard. */
    public static PlatformException toClientError(WeChatUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "WeCom could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /** The access token was invalid (40014) or expired (42001): worth one renewal and one more try. */
    static boolean isTokenRefused(WeChatError e) {
        return e.errcode() == 40014 || e.errcode() == 42001;
    }

    /** Errcodes that say the service's corp app configuration is wrong: worth an operator's attention. */
    public static boolean isMisconfiguration(WeChatError e) {
        return switch (e.errcode()) {
            case 40001, 40013, 41002, 41004, 48002 -> true;
            default -> false;
        };
    }

    /** {@code POST /v1/me/phone} with a phone code for a WeCom app. */
    static PlatformException noPhoneCode() {
        return new PlatformException(
                ErrorCode.UNSUPPORTED,
                "WeCom mini programs have no phone-number code to exchange: wx.qy.getMobile gives the corp"
                        + " directory's number as encrypted data, which POST /v1/me/decrypt opens",
                null,
                false,
                null);
    }
}
