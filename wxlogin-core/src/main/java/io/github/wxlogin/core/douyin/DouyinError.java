package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.platform.PlatformError;

/**
 * Douyin answered with an error: its code ({@code err_no} of the mini program APIs, {@code error_code}
 * of {@code /oauth/client_token/}) and its text kept together. The message holds these and the API name
 * only, never the request's secret, codes or token.
 */
public final class DouyinError extends PlatformError {

    /** code2Session's "system error, try again" (err_no -1). */
    static final long SYSTEM_ERROR = -1;
    /** The open.douyin.com APIs' "系统内部错误,请重试" (internal error, retry). */
    static final long INTERNAL_ERROR = 28001005;

    private final long errNo;
    private final String tips;

    public DouyinError(String api, long errNo, String tips) {
        super(api, api + " answered err_no " + errNo + ": " + tips);
        this.errNo = errNo;
        this.tips = tips;
    }

    public long errNo() {
        return errNo;
    }

    public String tips() {
        return tips;
    }

    /** Douyin's own "try again" answers: -1 (code2Session) and 28001005 (open.douyin.com). */
    @Override
    public boolean isBusy() {
        return errNo == SYSTEM_ERROR || errNo == INTERNAL_ERROR;
    }
}
