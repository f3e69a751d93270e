package io.github.wxlogin.core.platform;

/**
 * A platform's server answered with an error of its own (WeChat's {@code errcode}, Douyin's
 * {@code err_no}, Alipay's {@code sub_code}, …). The message holds the API and the platform's code and
 * text only, never a request's parameters, a secret or a key. {@link PlatformCallGuard} tries a call
 * again only when {@link #isBusy()}.
 */
public abstract class PlatformError extends RuntimeException {

    private final String api;

    protected PlatformError(String api, String message) {
        super(message);
        this.api = api;
    }

    public String api() {
        return api;
    }

    /** The platform's "busy, try again" answer: the only one worth retrying as is. */
    public abstract boolean isBusy();
}
