package io.github.wxlogin.core.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * What a platform's code exchange gives for one login (WeChat's {@code auth.code2Session}): the
 * user's openid in the app, the session_key the platform now holds for it, and the unionid when the
 * app is bound to an open-platform account. {@link #toString()} never shows the session_key.
 */
public record PlatformSession(String openid, String sessionKey, Optional<String> unionid) {

    public PlatformSession {
        Objects.requireNonNull(unionid, "unionid");
        if (openid == null || openid.isBlank()) {
            throw new IllegalArgumentException("the code exchange gave no openid");
        }
        if (sessionKey == null || sessionKey.isBlank()) {
            throw new IllegalArgumentException("the code exchange gave no session_key");
        }
    }

    @Override
    public String toString() {
        return "PlatformSession[openid=" + openid + ", sessionKey=***, unionid=" + unionid.orElse("-") + "]";
    }
}
