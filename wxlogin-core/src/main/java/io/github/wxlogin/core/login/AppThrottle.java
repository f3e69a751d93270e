package io.github.wxlogin.core.login;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Duration;
import java.util.Optional;

/**
 * Each app's allowance of logins and refreshes per unit of time (a rate limit), asked before anything
 * is spent: a refused login keeps its code unclaimed and a refused refresh keeps its token unspent,
 * so the client simply tries again after {@code Retry-After}. The server fills it in (Bucket4j, in
 * process or in Redis).
 */
public interface AppThrottle {

    /** No limit. */
    AppThrottle NONE = new AppThrottle() {
        @Override
        public Optional<Duration> tryAdmit(String appId) {
            return Optional.empty();
        }

        @Override
        public boolean active() {
            return false;
        }
    };

    /** Takes one from the app's allowance; empty when admitted, else how long until one is free again. */
    Optional<Duration> tryAdmit(String appId);

    /** False when there is no limit, so callers can skip looking up the app. */
    boolean active();

    /** Takes one from the app's allowance, or refuses with 429 {@code rate_limited} and its wait. */
    default void admit(String appId) {
        tryAdmit(appId).ifPresent(wait -> {
            throw new WxLoginException(
                    ErrorCode.RATE_LIMITED,
                    "too many logins and refreshes for this app right now; try again shortly",
                    wait,
                    null);
        });
    }
}
