package io.github.wxlogin.server.api;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.login.SessionGrant;

/** The contract's session response: what login and refresh answer. */
record SessionJson(
        String accessToken,
        String tokenType,
        long expiresIn,
        String refreshToken,
        long refreshExpiresIn,
        boolean newUser,
        UserJson user) {

    static SessionJson of(SessionGrant grant, Apps apps) {
        return new SessionJson(
                grant.accessToken().value(),
                "Bearer",
                grant.accessTokenTtl().toSeconds(),
                grant.refreshToken(),
                grant.refreshTokenTtl().toSeconds(),
                grant.newUser(),
                UserJson.of(grant.account(), apps));
    }

    @Override
    public String toString() {
        return "SessionJson[user=" + user.id() + ", tokens=***]";
    }
}
