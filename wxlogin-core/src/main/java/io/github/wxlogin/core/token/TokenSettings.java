package io.github.wxlogin.core.token;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes and names of the service's tokens, in one immutable object.
 *
 * @param issuer the {@code iss} of access tokens and the base of the discovery URLs
 * @param audience the {@code aud} of access tokens
 * @param accessTokenTtl how long an access token verifies (15 minutes by default)
 * @param refreshTokenTtl how long an unused refresh token stays good (30 days by default)
 * @param sessionMaxLifetime the absolute bound of a session, however often it is refreshed
 * @param refreshGrace how long after a refresh token was spent the same token may be presented again
 *     (the retry of a refresh whose answer was lost) and be answered with a new successor instead of
 *     ending the session, while the successor it was first answered with is unused (10 seconds by
 *     default); zero turns the grace off, so every reuse ends the session
 */
public record TokenSettings(
        String issuer,
        String audience,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration sessionMaxLifetime,
        Duration refreshGrace) {

    /** The refresh grace when none is given: long enough for a phone's retry, short for a thief. */
    public static final Duration DEFAULT_REFRESH_GRACE = Duration.ofSeconds(10);

    public TokenSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalArgumentException("issuer and audience must not be blank");
        }
        positive(accessTokenTtl, "accessTokenTtl");
        positive(refreshTokenTtl, "refreshTokenTtl");
        positive(sessionMaxLifetime, "sessionMaxLifetime");
        if (sessionMaxLifetime.compareTo(refreshTokenTtl) < 0) {
            throw new IllegalArgumentException("sessionMaxLifetime must be at least refreshTokenTtl");
        }
        Objects.requireNonNull(refreshGrace, "refreshGrace");
        if (refreshGrace.isNegative()) {
            throw new IllegalArgumentException("refreshGrace must not be negative");
        }
    }

    /** These names and lifetimes with the {@linkplain #DEFAULT_REFRESH_GRACE default refresh grace}. */
    public TokenSettings(
            String issuer,
            String audience,
            Duration accessTokenTtl,
            Duration refreshTokenTtl,
            Duration sessionMaxLifetime) {
        this(issuer, audience, accessTokenTtl, refreshTokenTtl, sessionMaxLifetime, DEFAULT_REFRESH_GRACE);
    }

    public static TokenSettings defaults(String issuer) {
        return new TokenSettings(issuer, "wxlogin", Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofDays(90));
    }

    public TokenSettings withRefreshGrace(Duration refreshGrace) {
        return new TokenSettings(issuer, audience, accessTokenTtl, refreshTokenTtl, sessionMaxLifetime, refreshGrace);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
