package io.github.wxlogin.core.alipay;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import java.time.Duration;
import java.util.Set;

/**
 * The one place where Alipay's answers become the contract's error codes.
 * {@code alipay.system.oauth.token}'s own sub_codes (https://opendocs.alipay.com/apis/api_9/alipay.system.oauth.token,
 * as mirrored at https://zhifubao.apifox.cn/api-127203914) and the gateway's common codes (公共错误码, as
 * mirrored at https://open.alitrip.com/docs/doc.htm?articleId=105806&docType=1&treeId=262).
 */
public final class AlipayErrors {

    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    static final Duration MISCONFIGURED_RETRY = Duration.ofSeconds(60);

    /**
     * The auth code itself is refused: unknown, expired, already used, or from another app
     * ({@code isv.code-invalid}); {@code isv.unmatched-app-id}: it was granted to another app.
     */
    private static final Set<String> CODE_REFUSED = Set.of("isv.code-invalid", "isv.unmatched-app-id");

    /**
     * Gateway codes that mean this service's own setup is wrong, never the client's: 20001 (authorization
     * tokens), 40001 (a parameter missing), 40002 (a parameter invalid: signature, app id, timestamp,
     * grant type; but not the code), 40006 (the app lacks the capability, e.g. 获取会员信息).
     */
    private static final Set<String> MISCONFIGURED_CODES = Set.of("20001", "40001", "40002", "40006");

    private AlipayErrors() {}

    /** What the client is told when Alipay refused a call for it, in an answer it signed. */
    public static PlatformException toClientError(AlipayError e) {
        if (e.isBusy()) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "Alipay is busy; try again shortly", BUSY_RETRY, false, e);
        }
        if (CODE_REFUSED.contains(e.subCode())) {
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "Alipay refused the auth code: it is unknown, expired, already used or from another app",
                    null,
                    true,
                    e);
        }
        if (isMisconfiguration(e)) {
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Alipay refused this service's request for the app; the operator must check its Alipay configuration",
                    MISCONFIGURED_RETRY,
                    true,
                    e);
        }
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Alipay answered code " + e.code() + (e.subCode().isEmpty() ? "" : " (" + e.subCode() + ")"),
                BUSY_RETRY,
                true,
                e);
    }

    /**
     * Alipay was not reached, or its answer was not trusted: a 503 the client may retry. The code is given
     * back unless an answer came (an answer refused for its signature still spent it, most likely).
     */
    public static PlatformException toClientError(AlipayUnavailable e) {
        String detail = e.untrusted()
                ? "Alipay's answer could not be verified; the operator must check the Alipay public key"
                : "Alipay could not be reached; try again shortly";
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                detail,
                e.retryAfter().orElse(e.untrusted() ? MISCONFIGURED_RETRY : BUSY_RETRY),
                e.untrusted(),
                e);
    }

    /**
     * The service holds no usable keys for the app, so nothing was sent (in dev mode: the key of a demo app
     * was replaced at the simulator inside before the app's first use): a 503 the operator must mend, and
     * the client's code is still good.
     */
    public static PlatformException withoutUsableKeys() {
        return new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "this service holds no usable Alipay keys for the app; the operator must check its Alipay configuration",
                MISCONFIGURED_RETRY,
                false,
                null);
    }

    /** An error that is this service's configuration, not the client's doing: worth an operator's attention. */
    public static boolean isMisconfiguration(AlipayError e) {
        return !e.isBusy()
                && !CODE_REFUSED.contains(e.subCode())
                && (MISCONFIGURED_CODES.contains(e.code()) || e.subCode().startsWith("aop."));
    }
}
