package io.github.wxlogin.core.login;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
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

    /** @param throttle each app's allowance of refreshes, asked before the token is spent */
    public RefreshService(
            SessionStore sessions,
            LiveSessions live,
            UserStore users,
            SessionTokens tokens,
            AppThrottle throttle,
            LoginEvents events) {
        this.sessions = sessions;
        this.live = live;
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.events = events;
    }

    public SessionGrant refresh(String refreshToken, ClientInfo client) {
        try {
            SessionGrant grant = spend(refreshToken, client);
            events.refreshed(grant, client);
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
        RefreshConsumption spent = sessions.consumeRefreshToken(hash, now);
        switch (spent.outcome()) {
            case UNKNOWN -> throw WxLoginException.invalidToken("the refresh token is unknown");
            case EXPIRED -> throw WxLoginException.invalidToken("the refresh token has expired");
            case ALREADY_SPENT -> throw reused(spent.sessionId().orElseThrow(), now, client);
            case SPENT_NOW -> {
                return renew(spent.sessionId().orElseThrow(), now, client);
            }
            default -> throw new IllegalStateException("unexpected " + spent.outcome());
        }
    }

    private SessionGrant renew(String sessionId, Instant now, ClientInfo client) {
        SessionRecord session = sessions.find(sessionId)
                .filter(s -> s.isLive(now))
                .orElseThrow(() -> WxLoginException.invalidToken("the session has ended"));
        Account account = users.findAccount(session.userId(), session.appId())
                .orElseThrow(() -> WxLoginException.invalidToken("the session's user no longer exists"));
        if (account.user().disabled()) {
            live.end(sessionId, "user_disabled");
            throw new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled");
        }
        // The session never outlives its absolute bound, however often it is refreshed.
        Instant bound = session.createdAt().plus(tokens.settings().sessionMaxLifetime());
        Instant expires = now.plus(tokens.settings().refreshTokenTtl());
        if (expires.isAfter(bound)) {
            expires = bound;
        }
        SessionTokens.NewRefreshToken next = tokens.newRefreshToken(sessionId, now, expires);
        if (!sessions.renew(sessionId, next.record(), expires, now, client)) {
            throw WxLoginException.invalidToken("the session has ended");
        }
        SessionRecord renewed = session.renewed(expires, now, client.userAgent(), client.ip());
        live.forget(sessionId); // its cached record still has the old expiry
        return tokens.grant(renewed, next, false, account);
    }

    private WxLoginException reused(String sessionId, Instant now, ClientInfo client) {
        Optional<SessionRecord> session = sessions.find(sessionId);
        if (session.isEmpty() || !session.get().isLive(now)) {
            // Nothing left to protect: a client retrying after logout is not a thief.
            return WxLoginException.invalidToken("the session has ended");
        }
        live.end(sessionId, "refresh_token_reused");
        events.refreshTokenReused(
                session.get().userId(), sessionId, session.get().appId(), client);
        return new WxLoginException(
                ErrorCode.TOKEN_REUSED, "this refresh token was already used; the session is ended, log in again");
    }
}
