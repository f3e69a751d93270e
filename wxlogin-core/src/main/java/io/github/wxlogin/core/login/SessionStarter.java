package io.github.wxlogin.core.login;

import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.ClientInfo;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.AccessToken;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.user.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Opens a session for an account and hands out its first access and refresh tokens. */
public final class SessionStarter {

    private final SessionStore sessions;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final TokenSettings settings;
    private final Clock clock;
    private final Ids ids;

    public SessionStarter(SessionStore sessions, TokenIssuer tokens, RefreshTokens refreshTokens,
            TokenSettings settings, Clock clock, Ids ids) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    public SessionGrant start(Account account, boolean newUser, ClientInfo client) {
        Instant now = clock.instant();
        Instant refreshExpires = now.plus(settings.refreshTokenTtl());
        SessionRecord session = new SessionRecord(ids.sessionId(), account.user().id(), account.identity().appId(),
                now, refreshExpires, now, client.userAgent(), client.ip(), Optional.empty());
        String refreshToken = refreshTokens.newValue();
        sessions.create(session,
                new RefreshTokenRecord(RefreshTokens.hash(refreshToken), session.id(), now, refreshExpires));
        AccessToken access = tokens.issue(session);
        return new SessionGrant(session.id(), access, settings.accessTokenTtl(), refreshToken, settings.refreshTokenTtl(),
                newUser, account);
    }
}
