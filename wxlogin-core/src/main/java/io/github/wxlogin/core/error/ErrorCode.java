package io.github.wxlogin.core.error;

/** The contract's error codes (API.md, "Error codes"): the stable word clients branch on, and its status. */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    UNKNOWN_APP(400, "Unknown app"),
    INVALID_CODE(401, "Invalid code"),
    CODE_USED(401, "Login code already used"),
    INVALID_TOKEN(401, "Invalid token"),
    TOKEN_REUSED(401, "Refresh token reused"),
    USER_DISABLED(403, "User disabled"),
    USER_BLOCKED(403, "User blocked"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PHONE_IN_USE(409, "Phone number in use"),
    IDENTITY_IN_USE(409, "Identity in use"),
    LAST_IDENTITY(409, "Last identity"),
    SESSION_KEY_STALE(409, "Session key stale"),
    WATERMARK_MISMATCH(400, "Watermark mismatch"),
    /** The app's platform has no such capability (an anonymous login off Douyin, a phone form it does not offer). */
    UNSUPPORTED(400, "Unsupported"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Rate limited"),
    INTERNAL_ERROR(500, "Internal error"),
    UPSTREAM_UNAVAILABLE(503, "Upstream unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The snake_case word of the contract, e.g. {@code code_used}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
