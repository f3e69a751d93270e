package io.github.wxlogin.core.wechat;

import java.time.Instant;
import java.util.Objects;

/** An app's WeChat access token and when WeChat said it expires. {@link #toString()} hides the token. */
public record WeChatAccessToken(String value, Instant expiresAt) {

    public WeChatAccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "WeChatAccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
