package io.github.wxlogin.core.token;

import io.github.wxlogin.core.support.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Opaque refresh tokens: 256 random bits given to the client once; only their SHA-256 is stored. */
public final class RefreshTokens {

    private final Ids ids;

    public RefreshTokens(Ids ids) {
        this.ids = ids;
    }

    /** A new token value, for the client only. */
    public String newValue() {
        return ids.randomText(32);
    }

    /** The form a token is stored and looked up in. */
    public static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
