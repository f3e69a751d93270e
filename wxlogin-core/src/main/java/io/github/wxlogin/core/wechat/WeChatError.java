package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.platform.PlatformError;

/**
 * WeChat answered with an error: its {@code errcode} and {@code errmsg} kept together. The message
 * holds only these two and the API name, never the request's query string or the app secret.
 */
public final class WeChatError extends PlatformError {

    private final int errcode;
    private final String errmsg;

    public WeChatError(String api, int errcode, String errmsg) {
        super(api, api + " answered errcode " + errcode + ": " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    /** WeChat's "system busy, try again" answer ({@code -1}), the only one worth retrying as is. */
    @Override
    public boolean isBusy() {
        return errcode == -1;
    }
}
