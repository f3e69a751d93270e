package io.github.wxlogin.core.session;

import java.time.Instant;
import java.util.Objects;

/** A refresh token as stored: only the SHA-256 of its value, never the value. */
public record RefreshTokenRecord(String hash, String sessionId, Instant issuedAt, Instant expiresAt) {

    public RefreshTokenRecord {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
