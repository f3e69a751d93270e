package io.github.wxlogin.core.kuaishou;

import io.github.wxlogin.core.platform.PlatformError;

/**
 * Kuaishou answered with an error: its {@code result} (anything but {@code 1}) and its {@code error_msg}
 * kept together. The message holds these and the API name only, never the request's secret or code.
 */
public final class KuaishouError extends PlatformError {

    private final long result;
    private final String errorMsg;

    public KuaishouError(String api, long result, String errorMsg) {
        super(api, api + " answered result " + result + ": " + errorMsg);
        this.result = result;
        this.errorMsg = errorMsg;
    }

    public long result() {
        return result;
    }

    public String errorMsg() {
        return errorMsg;
    }

    /** Kuaishou's "internal error" ({@link KuaishouErrors#INTERNAL_ERROR}): the one answer worth trying again. */
    @Override
    public boolean isBusy() {
        return result == KuaishouErrors.INTERNAL_ERROR;
    }
}
