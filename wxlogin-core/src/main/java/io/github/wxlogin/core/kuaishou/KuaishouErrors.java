package io.github.wxlogin.core.kuaishou;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import java.time.Duration;

/**
 * The one place where Kuaishou's {@code result} codes become the contract's. Kuaishou answers every
 * call with HTTP 200 and {@code result}: {@code 1} is success, anything else an error with
 * {@code error_msg}. Its code2Session page gives no table of its own; the codes of Kuaishou's OAuth2
 * host ({@code open.kuaishou.com/oauth2/…}, where code2Session lives) are:
 * <ul>
 * <li>{@code 100200100} a parameter missing or wrong, {@code 100200101} the app_id or app_secret
 *     refused: the service's own configuration, never the client's fault (a 503 and an operator's log
 *     line). Seen on the mini program's access-token page on the same host,
 *     https://mp.kuaishou.com/docs/develop/server/getAccessToken.html.</li>
 * <li>{@code 100200105} the code is wrong: unknown, expired, already used or another app's. Kuaishou's
 *     code is good once and has no "used" answer of its own, so {@code code_used} comes from the
 *     service's ledger only. {@code 100200500} is Kuaishou's internal error: retried, then
 *     {@code upstream_unavailable}, and it counts against the circuit. Both from the open platform's
 *     OAuth2 error table [second-hand: its mirror at https://apifox.com/apidoc/project-462993/doc-355272].</li>
 * <li>{@code 400002} "API 限速", the only rate-limit code in Kuaishou's tables (listed for its live
 *     APIs, same mirror): {@code rate_limited} with a minute's Retry-After, should code2Session answer it.</li>
 * <li>Kuaishou's overseas host documents {@code 240001} code illegal, {@code 240002} app_secret
 *     illegal and {@code 100} parameters incomplete for its code2session
 *     (https://game-docs.kwai.com/minigame/guide/open-function/code2session.html): taken as the same
 *     three answers.</li>
 * </ul>
 * Kuaishou documents no risk-control answer for a login, so nothing maps to {@code user_blocked}.
 * Any other result is the service's to look into: a 503 and an operator's log line.
 */
public final class KuaishouErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MINUTE_RETRY = Duration.ofSeconds(60);

    static final long SUCCESS = 1;
    static final long BAD_PARAMS = 100200100;
    static final long BAD_CLIENT = 100200101;
    static final long BAD_CODE = 100200105;
    static final long INTERNAL_ERROR = 100200500;
    static final long RATE_LIMITED = 400002;
    static final long OVERSEAS_BAD_PARAMS = 100;
    static final long OVERSEAS_BAD_CODE = 240001;
    static final long OVERSEAS_BAD_SECRET = 240002;

    private KuaishouErrors() {}

    /** What the client is told when Kuaishou refused the code exchange. */
    public static PlatformException toClientError(KuaishouError e) {
        boolean heard = !e.isBusy();
        long r = e.result();
        if (r == BAD_CODE || r == OVERSEAS_BAD_CODE) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Kuaishou refused the code: it is unknown, expired, already used or from another app",
                    null,
                    heard,
                    e);
        }
        if (r == RATE_LIMITED) {
            return new PlatformException(
                    ErrorCode.RATE_LIMITED, "Kuaishou's call limit was reached", MINUTE_RETRY, heard, e);
        }
        if (e.isBusy()) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "Kuaishou is busy; try again shortly", BUSY_RETRY, heard, e);
        }
        if (isMisconfiguration(e)) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Kuaishou refused this service's app credentials; the operator must check its configuration",
                    MINUTE_RETRY,
                    heard,
                    e);
        }
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Kuaishou refused this service's request; the operator must look into it",
                MINUTE_RETRY,
                heard,
                e);
    }

    /** Kuaishou was not reached or gave no usable answer: the code counts as not heard. */
    public static PlatformException toClientError(KuaishouUnavailable e) {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Kuaishou could not be reached; try again shortly",
                e.retryAfter().orElse(BUSY_RETRY),
                false,
                e);
    }

    /** The service's own request or credentials refused. */
    public static boolean isMisconfiguration(KuaishouError e) {
        long r = e.result();
        return r == BAD_PARAMS || r == BAD_CLIENT || r == OVERSEAS_BAD_PARAMS || r == OVERSEAS_BAD_SECRET;
    }

    /** A result this class does not know: worth an operator's attention, like a misconfiguration. */
    public static boolean isUndocumented(KuaishouError e) {
        long r = e.result();
        return !(r == BAD_CODE
                || r == OVERSEAS_BAD_CODE
                || r == RATE_LIMITED
                || r == INTERNAL_ERROR
                || isMisconfiguration(e));
    }

    /** {@code POST /v1/me/phone} with a code: Kuaishou's phone button gives encryptedData and iv only. */
    static PlatformException noPhoneCode() {
        return new PlatformException(
                ErrorCode.UNSUPPORTED,
                "Kuaishou's getPhoneNumber button gives no code: send its encryptedData and iv instead",
                null,
                false,
                null);
    }
}
