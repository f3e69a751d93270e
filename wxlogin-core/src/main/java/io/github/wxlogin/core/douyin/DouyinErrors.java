package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import java.time.Duration;

/**
 * The one place where Douyin's error codes become the contract's.
 *
 * <ul>
 * <li>code2Session v2 ({@code err_no}): 40018 bad code and 40019 bad anonymous_code are
 *     {@code invalid_code} (Douyin answers 40018 for a code it saw before too: it has no "code used"
 *     answer, so {@code code_used} comes from the service's own ledger only); -1 is busy; 40014 bad
 *     parameters, 40015 bad appid and 40017 bad secret are the service's configuration.
 *     https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/log-in/code-2-session</li>
 * <li>client_token ({@code data.error_code}): 10002 parameter error, 10003 unknown client_key, 10013
 *     wrong client_key or client_secret are the service's configuration; 10020 is its call-frequency
 *     limit. https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/interface-request-credential/non-user-authorization/get-client_token</li>
 * <li>get_phonenumber_info ({@code err_no}): 28001003 and 28001008 are a refused client token (renewed
 *     once by {@link DouyinClientTokens}, then unavailable); 28005187 is a phone code Douyin no longer
 *     takes ({@code invalid_code}); 28001005 is busy.</li>
 * </ul>
 * Douyin documents no per-user rate limit or risk flag for these APIs, so none maps to
 * {@code rate_limited} or {@code user_blocked}.
 */
public final class DouyinErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MISCONFIGURED_RETRY = Duration.ofSeconds(60);

    static final long BAD_PARAMS = 40014;
    static final long BAD_APPID = 40015;
    static final long BAD_SECRET = 40017;
    static final long BAD_CODE = 40018;
    static final long BAD_ANONYMOUS_CODE = 40019;
    static final long BAD_GRANT_TYPE = 40020;
    static final long TOKEN_PARAMS = 10002;
    static final long TOKEN_UNKNOWN_CLIENT_KEY = 10003;
    static final long TOKEN_WRONG_CLIENT_SECRET = 10013;
    static final long TOKEN_FREQUENCY = 10020;
    static final long ACCESS_TOKEN_INVALID = 28001003;
    static final long ACCESS_TOKEN_EXPIRED = 28001008;
    static final long PHONE_CODE_EXPIRED = 28005187;

    private DouyinErrors() {}

    /** What the client is told when Douyin refused a call for it. */
    public static PlatformException toClientError(DouyinError e) {
        boolean heard = !e.isBusy();
        if (e.errNo() == BAD_CODE) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Douyin refused the code: it is unknown, expired, already used or from another app",
                    null,
                    heard,
                    e);
        }
        if (e.errNo() == BAD_ANONYMOUS_CODE) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Douyin refused the anonymousCode: it is unknown, expired, already used or from another app",
                    null,
                    heard,
                    e);
        }
        if (e.errNo() == PHONE_CODE_EXPIRED) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Douyin refused the phone code: it is unknown, expired, already used or from another app",
                    null,
                    heard,
                    e);
        }
        if (e.isBusy()) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "Douyin is busy; try again shortly", BUSY_RETRY, heard, e);
        }
        if (isMisconfiguration(e)) {
            // The client did nothing wrong and cannot fix the service's credentials: a 503, and an
            // operator alert (logged by the caller).
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Douyin refused this service's app credentials; the operator must check its configuration",
                    MISCONFIGURED_RETRY,
                    heard,
                    e);
        }
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE, "Douyin answered err_no " + e.errNo(), BUSY_RETRY, heard, e);
    }

    /** Douyin was not reached or gave no usable answer: the request counts as not heard. */
    public static PlatformException toClientError(DouyinUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Douyin could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /** Codes that mean the service's own configuration is wrong, worth an operator's attention. */
    public static boolean isMisconfiguration(DouyinError e) {
        long n = e.errNo();
        return n == BAD_PARAMS
                || n == BAD_APPID
                || n == BAD_SECRET
                || n == BAD_GRANT_TYPE
                || n == TOKEN_PARAMS
                || n == TOKEN_UNKNOWN_CLIENT_KEY
                || n == TOKEN_WRONG_CLIENT_SECRET;
    }

    /** get_phonenumber_info refused the client token: renew it once and try again. */
    static boolean isTokenRefused(DouyinError e) {
        return e.errNo() == ACCESS_TOKEN_INVALID || e.errNo() == ACCESS_TOKEN_EXPIRED;
    }
}
