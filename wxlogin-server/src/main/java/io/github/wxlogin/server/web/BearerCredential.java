package io.github.wxlogin.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * A credential fixed by configuration (the admin credential {@code WXLOGIN_ADMIN_TOKEN}, the metrics
 * credential {@code WXLOGIN_METRICS_TOKEN}), presented as {@code Authorization: Bearer …}. Compared in
 * constant time: both sides are hashed first, so neither the content nor the length of the configured
 * value leaks through timing. Only this exact value matches: a user's access token never does.
 */
public final class BearerCredential {

    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> expectedHash;

    /** @param configured the value; blank for none */
    public BearerCredential(String configured) {
        this.expectedHash =
                configured == null || configured.isBlank() ? Optional.empty() : Optional.of(sha256(configured.strip()));
    }

    /** Whether a value is configured: what it guards is on (admin API) or closed (metrics) only then. */
    public boolean enabled() {
        return expectedHash.isPresent();
    }

    /** Whether the request carries it as {@code Authorization: Bearer …} (the scheme in any case). */
    public boolean presentedIn(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && matches(header.substring(PREFIX.length()).strip());
    }

    private boolean matches(String presented) {
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
