package io.github.wxlogin.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the client is told about: one of the contract's codes and a human detail. The detail
 * is shown to the client, so it never holds a secret, a token or a WeChat query string.
 */
public class WxLoginException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public WxLoginException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    public WxLoginException(ErrorCode code, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** How long the client should wait before trying again, for 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static WxLoginException invalidRequest(String detail) {
        return new WxLoginException(ErrorCode.INVALID_REQUEST, detail);
    }

    public static WxLoginException invalidToken(String detail) {
        return new WxLoginException(ErrorCode.INVALID_TOKEN, detail);
    }

    /**
     * This instance has no room for the call now (a queue or a limit of its own is full), so nothing was
     * started: {@code upstream_unavailable}, to be tried again after a second.
     */
    public static WxLoginException serviceBusy() {
        return new WxLoginException(
                ErrorCode.UPSTREAM_UNAVAILABLE, "the service is busy: retry shortly", Duration.ofSeconds(1), null);
    }
}
