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
 */
public record TokenSettings(
        String issuer,
        String audience,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration sessionMaxLifetime) {

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
    }

    public static TokenSettings defaults(String issuer) {
        return new TokenSettings(issuer, "wxlogin", Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofDays(90));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
