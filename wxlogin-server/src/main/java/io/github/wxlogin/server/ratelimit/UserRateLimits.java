package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user limits on the two calls a logged-in user can make costly: {@code POST /v1/me/decrypt}, with
 * {@code POST /v1/me/channel/decrypt} on the same allowance (CPU, the sealed session_keys read and
 * opened, and an attacker's only way to probe the user's session_key) and {@code POST /v1/me/phone}
 * (each phone code exchanged is billed to the app by WeChat and spends its paid quota). Keyed by the
 * service's user id, so a user's sessions and apps share one allowance; in Redis for a fleet. A call
 * over a limit is answered 429 {@code rate_limited} with {@code Retry-After} before anything is read,
 * decrypted or sent to WeChat.
 */
public final class UserRateLimits {

    /** The limited calls. */
    public enum Call {
        DECRYPT(
                "per_user_decrypt",
                "too many open-data decryptions for this user; try again after Retry-After seconds"),
        PHONE("per_user_phone", "too many phone-number bindings for this user; try again after Retry-After seconds");

        private final String limitName;
        private final String detail;

        Call(String limitName, String detail) {
            this.limitName = limitName;
            this.detail = detail;
        }
    }

    private record Limited(RateLimit limit, Counter refusals) {}

    private static final Logger log = LoggerFactory.getLogger(UserRateLimits.class);

    private final RateLimitBuckets buckets;
    private final Map<Call, Limited> limits = new EnumMap<>(Call.class);

    public UserRateLimits(WxLoginProperties.RateLimit settings, RateLimitBuckets buckets, MeterRegistry registry) {
        this.buckets = buckets;
        Settings.notNegative("decrypt-per-user", settings.decryptPerUser());
        Settings.notNegative("phone-per-user", settings.phonePerUser());
        Settings.notNegative("phone-per-user-daily", settings.phonePerUserDaily());
        Duration minute = Duration.ofMinutes(1);
        Duration day = Duration.ofDays(1);
        if (settings.decryptPerUser() > 0) {
            add(Call.DECRYPT, new RateLimit(Call.DECRYPT.limitName, settings.decryptPerUser(), minute), registry);
        }
        RateLimit phone = null;
        if (settings.phonePerUser() > 0) {
            phone = new RateLimit(Call.PHONE.limitName, settings.phonePerUser(), minute);
        }
        if (settings.phonePerUserDaily() > 0) {
            phone = phone == null
                    ? new RateLimit(Call.PHONE.limitName, settings.phonePerUserDaily(), day)
                    : phone.and(settings.phonePerUserDaily(), day);
        }
        if (phone != null) {
            add(Call.PHONE, phone, registry);
        }
    }

    private void add(Call call, RateLimit limit, MeterRegistry registry) {
        limits.put(call, new Limited(limit, RateLimits.refusals(registry, limit.name())));
    }

    /** A permit {@link #admit} took, to give back when the call it was taken for is not made. */
    public interface Permit {

        /**
         * Gives the permit back, for a call the instance refused as busy before it started: the user is
         * not charged, against a daily cap, for the service's own lack of room. Never throws: when the
         * shared state does not answer, the permit stays spent, as it was.
         */
        void giveBack();
    }

    /** What {@link #admit} returns when the call has no limit. */
    private static final Permit NO_PERMIT = () -> {};

    /** Takes one of the user's permits for the call; throws {@code rate_limited} when there is none. */
    public Permit admit(Call call, String userId) {
        Limited limited = limits.get(call);
        if (limited == null) {
            return NO_PERMIT;
        }
        Optional<Duration> wait = buckets.tryTake(limited.limit(), userId);
        if (wait.isPresent()) {
            limited.refusals().increment();
            // DEBUG: a client hammering the call must not become a flood of log lines; refusals are counted.
            log.debug(
                    "Rate limited: user {} over {} ({})",
                    userId,
                    limited.limit(),
                    limited.limit().name());
            throw new WxLoginException(ErrorCode.RATE_LIMITED, call.detail, wait.get(), null);
        }
        return () -> giveBack(limited.limit(), userId);
    }

    private void giveBack(RateLimit limit, String userId) {
        try {
            buckets.giveBack(limit, userId);
        } catch (RuntimeException e) {
            log.debug(
                    "A {} permit of user {} was not given back: {}",
                    limit.name(),
                    userId,
                    e.getClass().getName());
        }
    }
}
