package io.github.wxlogin.core.alipay;

import io.github.wxlogin.core.platform.PlatformUnavailable;
import java.time.Duration;

/**
 * Alipay could not be asked, or its answer cannot be trusted: connection refused, a timeout, an HTTP
 * status other than 200, a body that is not Alipay's JSON, or an answer whose signature is missing or
 * does not verify under Alipay's public key. The message names the API and what went wrong, never a
 * request parameter, a key or a token.
 */
public final class AlipayUnavailable extends PlatformUnavailable {

    private final boolean untrusted;

    public AlipayUnavailable(String api, String reason, Throwable cause) {
        this(api, reason, null, cause, false);
    }

    /** @param retryAfter when it is worth asking again, when known (an open circuit knows) */
    public AlipayUnavailable(String api, String reason, Duration retryAfter, Throwable cause) {
        this(api, reason, retryAfter, cause, false);
    }

    private AlipayUnavailable(String api, String reason, Duration retryAfter, Throwable cause, boolean untrusted) {
        super(api, reason, retryAfter, cause);
        this.untrusted = untrusted;
    }

    /**
     * An answer came, but its signature is missing or wrong: refused, never read. The request did reach
     * someone who answered, so the code it carried counts as spent.
     */
    static AlipayUnavailable untrusted(String api, String reason) {
        return new AlipayUnavailable(api, reason, null, null, true);
    }

    /** The answer came and was refused for its signature (an operator must look: a wrong key, or tampering). */
    public boolean untrusted() {
        return untrusted;
    }
}
