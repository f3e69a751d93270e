package io.github.wxlogin.core.login;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.user.Account;
import java.time.Instant;
import java.util.Optional;

/** Opens a session for an account and hands out its first access and refresh tokens. */
public final class SessionStarter {

    private final SessionStore sessions;
    private final SessionTokens tokens;
    private final Ids ids;

    public SessionStarter(SessionStore sessions, SessionTokens tokens, Ids ids) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.ids = ids;
    }

    public SessionGrant start(Account account, boolean newUser, ClientInfo client) {
        Instant now = tokens.now();
        Instant refreshExpires = now.plus(tokens.settings().refreshTokenTtl());
        SessionRecord session = new SessionRecord(
                ids.sessionId(),
                account.user().id(),
                account.identity().appId(),
                now,
                refreshExpires,
                now,
                client.userAgent(),
                client.ip(),
                Optional.empty());
        SessionTokens.NewRefreshToken refresh = tokens.newRefreshToken(session.id(), now, refreshExpires);
        sessions.create(session, refresh.record());
        return tokens.grant(session, refresh, newUser, account);
    }
}
