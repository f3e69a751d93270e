package io.github.wxlogin.core.baidu;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import java.time.Duration;
import java.util.Set;

/**
 * The one place where Baidu's {@code jscode2sessionkey} errors become the contract's codes. Baidu answers
 * {@code {errno, error, error_description}} (https://smartprogram.baidu.com/docs/develop/api/open/log_Session-Key/,
 * mirrored at bookstack.cn/read/smartprogram-20210306/a4bcb54eb96e30d2.md); its one
 * example is {@code errno 10010100, "parameter is invalid"} for a missing {@code client_id}. The error
 * words are Baidu OAuth 2.0's (its 错误码列表, mirrored at w3cschool.cn/baiduapp/baiduapp-9mqz2t64.html):
 * the mapping goes by the word, which Baidu documents, and by errno 10010100 only, since no table of the
 * errno values was found.
 * <ul>
 * <li>{@code invalid_grant}: the code is invalid, expired, already used ("一个授权码只能使用一次") or of
 *     another app: {@code invalid_code}.</li>
 * <li>{@code invalid_client} (client_id or sk wrong), {@code unauthorized_client}, {@code invalid_request}
 *     and errno 10010100 (a parameter missing or malformed): the service's configuration, a 503 and an
 *     operator's log line, as WeChat's wrong secret (40125) is.</li>
 * <li>{@code temporarily_unavailable}, {@code server_error}: busy, retried within the budget, then 503.</li>
 * </ul>
 * Baidu documents no per-user limit or risk flag for this API: nothing maps to {@code rate_limited} or
 * {@code user_blocked}.
 */
public final class BaiduErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MISCONFIGURED_RETRY = Duration.ofSeconds(60);

    static final String INVALID_GRANT = "invalid_grant";
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";
    static final String SERVER_ERROR = "server_error";
    static final long PARAMETER_INVALID = 10010100;

    private static final Set<String> MISCONFIGURED =
            Set.of("invalid_client", "unauthorized_client", "invalid_request", "parameter is invalid");

    private BaiduErrors() {}

    /** What the client is told when Baidu refused the code exchange. */
    public static PlatformException toClientError(BaiduError e) {
        boolean heard = !e.isBusy();
        if (INVALID_GRANT.equals(e.error())) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Baidu refused the code: it is unknown, expired, already used or from another app",
                    null,
                    heard,
                    e);
        }
        if (e.isBusy()) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "Baidu is busy; try again shortly", BUSY_RETRY, heard, e);
        }
        if (isMisconfiguration(e)) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Baidu refused this service's app credentials; the operator must check its configuration",
                    MISCONFIGURED_RETRY,
                    heard,
                    e);
        }
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Baidu answered errno " + e.errno() + " (" + e.error() + ")",
                BUSY_RETRY,
                heard,
                e);
    }

    /** Baidu was not reached or gave no usable answer: the code counts as not heard. */
    public static PlatformException toClientError(BaiduUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Baidu could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /** An answer that means the service's own AppKey or AppSecret is wrong: worth an operator's attention. */
    public static boolean isMisconfiguration(BaiduError e) {
        return e.errno() == PARAMETER_INVALID || MISCONFIGURED.contains(e.error());
    }

    /** {@code POST /v1/me/phone} with a code: Baidu's phone button gives encryptedData and iv only. */
    static PlatformException noPhoneCode() {
        return new PlatformException(
                ErrorCode.UNSUPPORTED,
                "Baidu's getPhoneNumber button gives encryptedData and iv, not a code: send those",
                null,
                false,
                null);
    }
}
