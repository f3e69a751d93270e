package io.github.wxlogin.core.crypto;

/** Open data that could not be decrypted. The message never holds key material. */
public final class OpenDataException extends RuntimeException {

    /** Why decryption failed. */
    public enum Reason {
        /** The input itself is malformed: bad lengths, bad base64. A client mistake. */
        MALFORMED,
        /** Well-formed input that does not decrypt under the key: a stale or wrong session_key. */
        WRONG_KEY
    }

    private final Reason reason;

    public OpenDataException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
