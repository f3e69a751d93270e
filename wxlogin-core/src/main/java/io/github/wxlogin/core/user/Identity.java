package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * A user as one app sees it: the openid the platform gave it there, and the unionid when the app has a
 * group. An {@code anonymous} identity is a guest's (Douyin's {@code anonymous_openid}, one per device):
 * it has no unionid and no session_key, and its user is shown as {@code "anonymous": true}.
 */
public record Identity(String appId, String openid, String userId, Optional<String> unionid, boolean anonymous) {

    public Identity {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(unionid, "unionid");
        if (anonymous && unionid.isPresent()) {
            throw new IllegalArgumentException("a guest's identity has no unionid");
        }
    }

    /** A real identity: what every platform's login code gives. */
    public Identity(String appId, String openid, String userId, Optional<String> unionid) {
        this(appId, openid, userId, unionid, false);
    }
}
