package io.github.wxlogin.core.login;

import io.github.wxlogin.core.token.AccessToken;
import java.time.Duration;
import java.util.Objects;

/**
 * What a login (and later a refresh) gives the client: an access token, a refresh token, and the
 * account. The refresh token is in clear here only, on its way to the client; {@link #toString()}
 * hides both tokens.
 */
public record SessionGrant(
        String sessionId,
        AccessToken accessToken,
        Duration accessTokenTtl,
        String refreshToken,
        Duration refreshTokenTtl,
        boolean newUser,
        io.github.wxlogin.core.user.Account account) {

    public SessionGrant {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(account, "account");
    }

    @Override
    public String toString() {
        return "SessionGrant[session=" + sessionId + ", user=" + account.user().id() + ", newUser=" + newUser
                + ", tokens=***]";
    }
}
