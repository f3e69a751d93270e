package io.github.wxlogin.core.crypto;

import java.util.Base64;
import java.util.Optional;

/** Base64 as it arrives from mini programs. */
public final class Base64s {

    private Base64s() {}

    /**
     * Decodes standard base64, tolerating the two ways it gets bent in transit: a {@code +} turned
     * into a space by form-style URL decoding, and missing padding. Empty when it is not base64.
     */
    public static Optional<byte[]> decodeLenient(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        // Spaces back to '+' before trimming, or a '+' at either end would be trimmed away.
        String s = text.replace(' ', '+').strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(pad(s)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String pad(String s) {
        int rest = s.length() % 4;
        return rest == 0 ? s : s + "=".repeat(4 - rest);
    }
}
