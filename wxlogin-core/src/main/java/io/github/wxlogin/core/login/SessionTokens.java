package io.github.wxlogin.core.login;

import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.token.AccessToken;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.user.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The tokens a session is handed, at its start and at each refresh: a new refresh token (only its
 * hash is stored) and an access token for the session, with the lifetimes of the settings.
 */
public final class SessionTokens {

    /** A refresh token as handed to the client once, and the record the store keeps of it. */
    public record NewRefreshToken(String value, RefreshTokenRecord record) {

        @Override
        public String toString() {
            return "NewRefreshToken[***]";
        }
    }

    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final TokenSettings settings;
    private final Clock clock;

    public SessionTokens(TokenIssuer issuer, RefreshTokens refreshTokens, TokenSettings settings, Clock clock) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public TokenSettings settings() {
        return settings;
    }

    public NewRefreshToken newRefreshToken(String sessionId, Instant now, Instant expires) {
        String value = refreshTokens.newValue();
        return new NewRefreshToken(value, new RefreshTokenRecord(RefreshTokens.hash(value), sessionId, now, expires));
    }

    /** What the client is answered: an access token for the session and the refresh token just made. */
    public SessionGrant grant(SessionRecord session, NewRefreshToken refresh, boolean newUser, Account account) {
        AccessToken access = issuer.issue(session);
        Duration refreshTtl =
                Duration.between(refresh.record().issuedAt(), refresh.record().expiresAt());
        return new SessionGrant(
                session.id(), access, settings.accessTokenTtl(), refresh.value(), refreshTtl, newUser, account);
    }
}
