package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/** A user as one app sees it: the openid WeChat gave it there, and the unionid when the app has a group. */
public record Identity(String appId, String openid, String userId, Optional<String> unionid) {

    public Identity {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(unionid, "unionid");
    }
}
