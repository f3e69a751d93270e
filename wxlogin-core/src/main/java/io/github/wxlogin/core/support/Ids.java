package io.github.wxlogin.core.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, from one {@link SecureRandom}. */
public final class Ids {

    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public Ids() {
        this(new SecureRandom());
    }

    /** A user id: {@code u_} and 128 random bits. */
    public String userId() {
        return "u_" + randomText(16);
    }

    /**
     * Whether {@code id} could be a user id: letters, digits, '-' and '_', at most 40 (the ids this
     * service makes are {@code u_} and 22 such characters). Anything else names no user, and is never
     * sent to a store (PostgreSQL refuses a NUL in any text it compares).
     */
    public static boolean couldBeUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    /** A session id, the {@code sid} of its tokens: {@code s_} and 128 random bits. */
    public String sessionId() {
        return "s_" + randomText(16);
    }

    /** base64url (no padding) of {@code bytes} random bytes. */
    public String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return URL.encodeToString(b);
    }
}
