package io.github.wxlogin.core.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * What a platform's code exchange gives for one login (WeChat's {@code auth.code2Session}): the
 * user's openid in the app, the session_key the platform now holds for it (none on a platform that
 * has no session key, such as Alipay), and the unionid when the app is bound to an open-platform
 * account. {@link #toString()} never shows the session_key.
 *
 * @param sessionKeyIfAny the session_key; empty only for a platform without one ({@link #withoutSessionKey})
 */
public record PlatformSession(String openid, Optional<String> sessionKeyIfAny, Optional<String> unionid) {

    public PlatformSession {
        Objects.requireNonNull(sessionKeyIfAny, "sessionKeyIfAny");
        Objects.requireNonNull(unionid, "unionid");
        if (openid == null || openid.isBlank()) {
            throw new IllegalArgumentException("the code exchange gave no openid");
        }
        if (sessionKeyIfAny.isPresent() && sessionKeyIfAny.get().isBlank()) {
            throw new IllegalArgumentException("the code exchange gave no session_key");
        }
    }

    /** A login of a platform that has a session_key (WeChat, QQ, Douyin, …): it must be given. */
    public PlatformSession(String openid, String sessionKey, Optional<String> unionid) {
        this(openid, Optional.of(requireKey(sessionKey)), unionid);
    }

    /** A login of a platform that has no session_key (Alipay): nothing is sealed or stored for it. */
    public static PlatformSession withoutSessionKey(String openid, Optional<String> unionid) {
        return new PlatformSession(openid, Optional.empty(), unionid);
    }

    /**
     * The session_key, on a platform that has one.
     *
     * @throws IllegalStateException for a platform without session keys (see {@link #sessionKeyIfAny})
     */
    public String sessionKey() {
        return sessionKeyIfAny.orElseThrow(() -> new IllegalStateException("this platform gives no session_key"));
    }

    private static String requireKey(String sessionKey) {
        if (sessionKey == null || sessionKey.isBlank()) {
            throw new IllegalArgumentException("the code exchange gave no session_key");
        }
        return sessionKey;
    }

    @Override
    public String toString() {
        return "PlatformSession[openid=" + openid + ", sessionKey=" + (sessionKeyIfAny.isPresent() ? "***" : "none")
                + ", unionid=" + unionid.orElse("-") + "]";
    }
}
