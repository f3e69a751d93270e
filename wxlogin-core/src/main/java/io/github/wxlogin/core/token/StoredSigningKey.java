package io.github.wxlogin.core.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signing key as stored: the private JWK sealed under the master key, the public JWK in clear.
 * {@link #toString()} shows neither.
 */
public record StoredSigningKey(
        String kid,
        String algorithm,
        String sealedPrivateJwk,
        String publicJwk,
        Instant createdAt,
        Optional<Instant> retiredAt) {

    public StoredSigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(sealedPrivateJwk, "sealedPrivateJwk");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt + "]";
    }
}
