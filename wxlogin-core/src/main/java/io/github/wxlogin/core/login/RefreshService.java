package io.github.wxlogin.core.login;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.session.SuccessorReplacement;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.UserStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/auth/refresh}: spends a refresh token and gives the session a new access and
 * refresh token (same {@code sid}). A token spent before and presented again is a theft signal: the
 * whole session ends, so neither the thief nor the owner keeps it, and the owner logs in again.
 *
 * <p>One exception, for answers lost on a phone's network: the token presented again within the
 * refresh grace ({@link io.github.wxlogin.core.token.TokenSettings#refreshGrace}) of its spend, while
 * the successor it was answered with is still unused, is answered as the first time was, with a new
 * successor, and the earlier successor is revoked, so the session never has two live refresh tokens.
 * Presentations of one spent token are judged one after another (the store holds the token for the
 * unit, {@link SessionStore#consumeRefreshToken}): concurrent retries each revoke the successor the
 * retry before them was answered with, and the one answered last holds the session's live token.
 * The revoked successor, presented later, is a spent token with no successor: a theft signal.
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
            return spend(refreshToken, client);
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
        SessionGrant grant = tokens.grant(
                spent.renewed(), spent.next().token(), false, spent.next().account());
        events.refreshed(grant, spent.retried());
        return grant;
    }

    /**
     * What a refresh's unit of work committed: a renewed session with its successor token (and whether
     * it answered a retry within the grace), or a refusal, with the session it ended when it ended one.
     */
    private record Spent(
            SessionRecord renewed, Next next, boolean retried, WxLoginException refused, String endedSession) {

        static Spent renewed(SessionRecord session, Next next, Instant now, ClientInfo client, boolean retried) {
            SessionRecord renewed = session.renewed(next.expires(), now, client.userAgent(), client.ip());
            return new Spent(renewed, next, retried, null, null);
        }

        static Spent refused(WxLoginException e) {
            return new Spent(null, null, false, e, null);
        }

        static Spent ended(String sessionId, WxLoginException e) {
            return new Spent(null, null, false, e, sessionId);
        }
    }

    /** The session's next refresh token, for its user, when the user may go on. */
    private record Next(Account account, SessionTokens.NewRefreshToken token, Instant expires) {}

    private Spent spendInUnit(String hash, Instant now, ClientInfo client) {
        RefreshConsumption spent = sessions.consumeRefreshToken(hash, now);
        return switch (spent.outcome()) {
            case UNKNOWN -> Spent.refused(WxLoginException.invalidToken("the refresh token is unknown"));
            case EXPIRED -> Spent.refused(WxLoginException.invalidToken("the refresh token has expired"));
            case ALREADY_SPENT ->
                presentedAgain(
                        hash, spent.sessionId().orElseThrow(), spent.spentAt().orElseThrow(), now, client);
            case SPENT_NOW -> renew(hash, spent.sessionId().orElseThrow(), now, client);
        };
    }

    private Spent renew(String spentHash, String sessionId, Instant now, ClientInfo client) {
        Optional<SessionRecord> found = sessions.find(sessionId).filter(s -> s.isLive(now));
        if (found.isEmpty()) {
            return Spent.refused(WxLoginException.invalidToken("the session has ended"));
        }
        SessionRecord session = found.get();
        return withNext(session, now, next -> {
            if (!sessions.renew(sessionId, spentHash, next.token().record(), next.expires(), now, client)) {
                return Spent.refused(WxLoginException.invalidToken("the session has ended"));
            }
            events.auditRefresh(next.account(), sessionId, client);
            return Spent.renewed(session, next, now, client, false);
        });
    }

    /** A spent token again: the retry of a lost answer within the grace, else a theft signal. */
    private Spent presentedAgain(String hash, String sessionId, Instant spentAt, Instant now, ClientInfo client) {
        Optional<SessionRecord> found = sessions.find(sessionId);
        if (found.isEmpty() || !found.get().isLive(now)) {
            // Nothing left to protect: a client retrying after logout is not a thief.
            return Spent.refused(WxLoginException.invalidToken("the session has ended"));
        }
        SessionRecord session = found.get();
        if (!now.isBefore(spentAt.plus(tokens.settings().refreshGrace()))) {
            return reused(session, now, client);
        }
        return withNext(session, now, next -> {
            SuccessorReplacement replaced =
                    sessions.replaceSuccessor(hash, next.token().record(), next.expires(), now, client);
            return switch (replaced) {
                case REPLACED -> {
                    events.auditRefreshRetried(next.account(), sessionId, client);
                    yield Spent.renewed(session, next, now, client, true);
                }
                // Its successor was used (or it never had one): not the retry of a lost answer.
                case NO_UNSPENT_SUCCESSOR -> reused(session, now, client);
                // Ended since it was read: thrown, so the unit is rolled back and keeps no half of it.
                case SESSION_ENDED -> throw WxLoginException.invalidToken("the session has ended");
            };
        });
    }

    /**
     * Makes the live session's next refresh token and hands it to {@code write}, unless the session's
     * user is gone (refused) or disabled (the session is ended).
     */
    private Spent withNext(SessionRecord session, Instant now, Function<Next, Spent> write) {
        Optional<Account> account = users.findAccount(session.userId(), session.appId());
        if (account.isEmpty()) {
            return Spent.refused(WxLoginException.invalidToken("the session's user no longer exists"));
        }
        if (account.get().user().disabled()) {
            sessions.end(session.id(), now, "user_disabled");
            return Spent.ended(
                    session.id(), new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled"));
        }
        // The session never outlives its absolute bound, however often it is refreshed.
        Instant bound = session.createdAt().plus(tokens.settings().sessionMaxLifetime());
        Instant expires = now.plus(tokens.settings().refreshTokenTtl());
        if (expires.isAfter(bound)) {
            expires = bound;
        }
        return write.apply(new Next(account.get(), tokens.newRefreshToken(session.id(), now, expires), expires));
    }

    private Spent reused(SessionRecord session, Instant now, ClientInfo client) {
        sessions.end(session.id(), now, "refresh_token_reused");
        events.auditRefreshTokenReused(session, client);
        events.refreshTokenReused(session);
        return Spent.ended(
                session.id(),
                new WxLoginException(
                        ErrorCode.TOKEN_REUSED,
                        "this refresh token was already used; the session is ended, log in again"));
    }
}
