package io.github.wxlogin.core.login;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.UserStore;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/auth/refresh}: spends a refresh token and gives the session a new access and
 * refresh token (same {@code sid}). A token spent before and presented again is a theft signal: the
 * whole session ends, so neither the thief nor the owner keeps it, and the owner logs in again.
 */
public final class RefreshService {

    /** 256 bits in base64url without padding: 43 characters. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SessionStore sessions;
    private final LiveSessions live;
    private final UserStore users;
    private final SessionTokens tokens;
    private final AppThrottle throttle;
    private final LoginEvents events;
    private final Transactions transactions;

    /** @param throttle each app's allowance of refreshes, asked before the token is spent */
    public RefreshService(
            SessionStore sessions,
            LiveSessions live,
            UserStore users,
            SessionTokens tokens,
            AppThrottle throttle,
            LoginEvents events,
            Transactions transactions) {
        this.sessions = sessions;
        this.live = live;
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.events = events;
        this.transactions = transactions;
    }

    public SessionGrant refresh(String refreshToken, ClientInfo client) {
        try {
            SessionGrant grant = spend(refreshToken, client);
            events.refreshed(grant);
            return grant;
        } catch (RuntimeException e) {
            events.refreshRefused(e);
            throw e;
        }
    }

    private SessionGrant spend(String refreshToken, ClientInfo client) {
        if (refreshToken == null || !FORM.matcher(refreshToken).matches()) {
            throw WxLoginException.invalidToken("the refresh token is missing or malformed");
        }
        String hash = RefreshTokens.hash(refreshToken);
        if (throttle.active()) {
            // Before the token is spent: a refused refresh leaves it good for the retry.
            sessions.appIdOfRefreshToken(hash).ifPresent(throttle::admit);
        }
        Instant now = tokens.now();
        // One transaction: the spend, the successor and the audit row commit together, so a crash
        // cannot leave a spent token without its successor (which would make the retry look like theft).
        Spent spent = transactions.inOne(() -> spendInUnit(hash, now, client));
        if (spent.endedSession() != null) {
            // After the commit, so no instance reloads the session before it is ended in the store.
            live.forget(spent.endedSession());
            live.announceEnded(spent.endedSession());
        }
        if (spent.refused() != null) {
            throw spent.refused();
        }
        live.forget(spent.renewed().id()); // its cached record still has the old expiry
        return tokens.grant(spent.renewed(), spent.next(), false, spent.account());
    }

    /**
     * What a refresh's unit of work committed: a renewed session with its successor token, or a
     * refusal, with the session it ended when it ended one.
     */
    private record Spent(
            SessionRecord renewed,
            SessionTokens.NewRefreshToken next,
            Account account,
            WxLoginException refused,
            String endedSession) {

        static Spent refused(WxLoginException e) {
            return new Spent(null, null, null, e, null);
        }

        static Spent ended(String sessionId, WxLoginException e) {
            return new Spent(null, null, null, e, sessionId);
        }
    }

    private Spent spendInUnit(String hash, Instant now, ClientInfo client) {
        RefreshConsumption spent = sessions.consumeRefreshToken(hash, now);
        return switch (spent.outcome()) {
            case UNKNOWN -> Spent.refused(WxLoginException.invalidToken("the refresh token is unknown"));
            case EXPIRED -> Spent.refused(WxLoginException.invalidToken("the refresh token has expired"));
            case ALREADY_SPENT -> reused(spent.sessionId().orElseThrow(), now, client);
            case SPENT_NOW -> renew(spent.sessionId().orElseThrow(), now, client);
        };
    }

    private Spent renew(String sessionId, Instant now, ClientInfo client) {
        Optional<SessionRecord> found = sessions.find(sessionId).filter(s -> s.isLive(now));
        if (found.isEmpty()) {
            return Spent.refused(WxLoginException.invalidToken("the session has ended"));
        }
        SessionRecord session = found.get();
        Optional<Account> account = users.findAccount(session.userId(), session.appId());
        if (account.isEmpty()) {
            return Spent.refused(WxLoginException.invalidToken("the session's user no longer exists"));
        }
        if (account.get().user().disabled()) {
            sessions.end(sessionId, now, "user_disabled");
            return Spent.ended(sessionId, new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled"));
        }
        // The session never outlives its absolute bound, however often it is refreshed.
        Instant bound = session.createdAt().plus(tokens.settings().sessionMaxLifetime());
        Instant expires = now.plus(tokens.settings().refreshTokenTtl());
        if (expires.isAfter(bound)) {
            expires = bound;
        }
        SessionTokens.NewRefreshToken next = tokens.newRefreshToken(sessionId, now, expires);
        if (!sessions.renew(sessionId, next.record(), expires, now, client)) {
            return Spent.refused(WxLoginException.invalidToken("the session has ended"));
        }
        events.auditRefresh(account.get(), sessionId, client);
        SessionRecord renewed = session.renewed(expires, now, client.userAgent(), client.ip());
        return new Spent(renewed, next, account.get(), null, null);
    }

    private Spent reused(String sessionId, Instant now, ClientInfo client) {
        Optional<SessionRecord> session = sessions.find(sessionId);
        if (session.isEmpty() || !session.get().isLive(now)) {
            // Nothing left to protect: a client retrying after logout is not a thief.
            return Spent.refused(WxLoginException.invalidToken("the session has ended"));
        }
        sessions.end(sessionId, now, "refresh_token_reused");
        events.auditRefreshTokenReused(session.get(), client);
        events.refreshTokenReused(session.get());
        return Spent.ended(
                sessionId,
                new WxLoginException(
                        ErrorCode.TOKEN_REUSED,
                        "this refresh token was already used; the session is ended, log in again"));
    }
}
