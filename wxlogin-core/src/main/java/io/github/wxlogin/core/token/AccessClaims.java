package io.github.wxlogin.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified access token says: who (sub), which session (sid), through which app, and the id
 * of the key that signed it.
 */
public record AccessClaims(
        String userId, String sessionId, String appId, Instant issuedAt, Instant expiresAt, String keyId) {

    public AccessClaims {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyId, "keyId");
    }
}
