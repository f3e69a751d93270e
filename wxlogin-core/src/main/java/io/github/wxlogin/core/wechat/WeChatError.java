package io.github.wxlogin.core.wechat;

/**
 * WeChat answered with an error: its {@code errcode} and {@code errmsg} kept together. The message
 * holds only these two and the API name, never the request's query string or the app secret.
 */
public final class WeChatError extends RuntimeException {

    private final String api;
    private final int errcode;
    private final String errmsg;

    public WeChatError(String api, int errcode, String errmsg) {
        super(api + " answered errcode " + errcode + ": " + errmsg);
        this.api = api;
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public String api() {
        return api;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    /** WeChat's "system busy, try again" answer, the only one worth retrying as is. */
    public boolean isBusy() {
        return errcode == -1;
    }
}
