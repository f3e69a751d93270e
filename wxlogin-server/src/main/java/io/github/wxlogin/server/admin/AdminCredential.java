package io.github.wxlogin.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The admin credential ({@code WXLOGIN_ADMIN_TOKEN}). Compared in constant time: both sides are
 * hashed first, so neither the content nor the length of the configured token leaks through timing.
 * A user's access token is never an admin credential: only this exact value is.
 */
final class AdminCredential {

    private final Optional<byte[]> expectedHash;

    AdminCredential(String configured) {
        this.expectedHash =
                configured == null || configured.isBlank() ? Optional.empty() : Optional.of(sha256(configured.strip()));
    }

    /** The admin API is on only when a credential is configured. */
    boolean enabled() {
        return expectedHash.isPresent();
    }

    boolean matches(String presented) {
        return presented != null
                && expectedHash.isPresent()
                && MessageDigest.isEqual(expectedHash.get(), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
