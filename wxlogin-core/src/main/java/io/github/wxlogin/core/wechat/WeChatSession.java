package io.github.wxlogin.core.wechat;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code auth.code2Session} gives for one login: the user's openid in the app, the session_key
 * WeChat now holds for it, and the unionid when the app is bound to an open-platform account.
 * {@link #toString()} never shows the session_key.
 */
public record WeChatSession(String openid, String sessionKey, Optional<String> unionid) {

    public WeChatSession {
        Objects.requireNonNull(unionid, "unionid");
        if (openid == null || openid.isBlank()) {
            throw new IllegalArgumentException("code2Session gave no openid");
        }
        if (sessionKey == null || sessionKey.isBlank()) {
            throw new IllegalArgumentException("code2Session gave no session_key");
        }
    }

    @Override
    public String toString() {
        return "WeChatSession[openid=" + openid + ", sessionKey=***, unionid=" + unionid.orElse("-") + "]";
    }
}
