package io.github.wxlogin.core.login;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.user.Account;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens a session for an account and hands out its first access and refresh tokens. A login
 * {@link #open opens} it inside its transaction and {@link Opened#grant signs} its access token after
 * the commit, so the signature is not computed while the store holds the transaction.
 */
public final class SessionStarter {

    private final SessionStore sessions;
    private final SessionTokens tokens;
    private final Ids ids;

    public SessionStarter(SessionStore sessions, SessionTokens tokens, Ids ids) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.ids = ids;
    }

    /** A session stored with its first refresh token, its access token not signed yet. */
    public final class Opened {

        private final SessionRecord session;
        private final SessionTokens.NewRefreshToken refresh;
        private final boolean newUser;
        private final Account account;

        private Opened(SessionRecord session, SessionTokens.NewRefreshToken refresh, boolean newUser, Account account) {
            this.session = session;
            this.refresh = refresh;
            this.newUser = newUser;
            this.account = account;
        }

        public SessionRecord session() {
            return session;
        }

        /** The access token signed and everything the client is answered. */
        public SessionGrant grant() {
            return tokens.grant(session, refresh, newUser, account);
        }

        @Override
        public String toString() {
            return "Opened[" + session.id() + "]";
        }
    }

    /** Stores a new session of the account and its first refresh token. */
    public Opened open(Account account, boolean newUser, ClientInfo client) {
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
        return new Opened(session, refresh, newUser, account);
    }

    /** {@link #open} and {@link Opened#grant} at once. */
    public SessionGrant start(Account account, boolean newUser, ClientInfo client) {
        return open(account, newUser, client).grant();
    }
}
