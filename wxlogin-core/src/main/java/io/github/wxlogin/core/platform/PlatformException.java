package io.github.wxlogin.core.platform;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Duration;

/**
 * A platform call that did not give an answer: the contract's code and detail for the client, and
 * whether the platform took in the request. A code the platform did not take in (it was unreachable,
 * or answered "busy, try again") is still good: the caller gives it back so the client's retry works.
 */
public final class PlatformException extends WxLoginException {

    private final boolean heard;

    public PlatformException(ErrorCode code, String detail, Duration retryAfter, boolean heard, Throwable cause) {
        super(code, detail, retryAfter, cause);
        this.heard = heard;
    }

    /** False when the platform was not reached or refused to look at the request (busy): nothing was spent. */
    public boolean heard() {
        return heard;
    }
}
