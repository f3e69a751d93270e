package io.github.wxlogin.core.audit;

import java.util.Locale;

/** The security events the audit log records. */
public enum AuditType {
    LOGIN,
    LOGIN_REFUSED,
    REFRESH,
    REFRESH_TOKEN_REUSED,
    /** A just-spent refresh token presented again within the refresh grace, answered with a new successor. */
    REFRESH_RETRIED,
    LOGOUT,
    SESSION_ENDED,
    USER_DISABLED,
    USER_ENABLED,
    SIGNING_KEY_ROTATED,
    ADMIN_ACCESS_REFUSED,
    /** An identity of another app joined the user ({@code POST /v1/me/identities}). */
    IDENTITY_LINKED,
    /** An identity left the user ({@code DELETE /v1/me/identities/{id}}). */
    IDENTITY_UNLINKED,
    /** A user was merged into another (by an administrator, or a phone binding with link by phone on). */
    USER_MERGED,
    /** An administrator had the platform give a user's identity a new session_key (WeChat's resetusersessionkey). */
    SESSION_KEY_RESET;

    /** The snake_case word stored and shown, e.g. {@code refresh_token_reused}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditType ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
