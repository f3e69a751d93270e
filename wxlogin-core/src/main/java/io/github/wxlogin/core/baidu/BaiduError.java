package io.github.wxlogin.core.baidu;

import io.github.wxlogin.core.platform.PlatformError;

/**
 * Baidu answered {@code jscode2sessionkey} with an error: its {@code errno} (0 when the answer had none,
 * as the older OAuth-style answers), its {@code error} word and its {@code error_description}. The
 * message holds these and the API name only, never the request's code or secret.
 */
public final class BaiduError extends PlatformError {

    private final long errno;
    private final String error;
    private final String description;

    public BaiduError(String api, long errno, String error, String description) {
        super(api, api + " answered errno " + errno + " (" + error + "): " + description);
        this.errno = errno;
        this.error = error;
        this.description = description;
    }

    public long errno() {
        return errno;
    }

    public String error() {
        return error;
    }

    public String description() {
        return description;
    }

    /**
     * Baidu's "try again" answers: the OAuth 2.0 words for a server that cannot answer now
     * ({@code temporarily_unavailable}, {@code server_error}; RFC 6749 section 5.2 and 4.1.2.1).
     */
    @Override
    public boolean isBusy() {
        return BaiduErrors.TEMPORARILY_UNAVAILABLE.equals(error) || BaiduErrors.SERVER_ERROR.equals(error);
    }
}
