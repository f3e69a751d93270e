package io.github.wxlogin.core.session;

import io.github.wxlogin.core.client.ClientInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where sessions and their refresh tokens live. */
public interface SessionStore {

    /** Stores a new session and its first refresh token together, or neither. */
    void create(SessionRecord session, RefreshTokenRecord firstRefreshToken);

    Optional<SessionRecord> find(String sessionId);

    /**
     * Spends the refresh token with this hash, atomically: of any number of concurrent calls with
     * one unspent token, exactly one is answered {@link RefreshConsumption.Outcome#SPENT_NOW}
     * (an {@code UPDATE … WHERE consumed_at IS NULL} that touches one row or none).
     *
     * <p>A token answered {@code ALREADY_SPENT} is held for the rest of the unit of work the call is
     * the first of (a transactional store locks its row): a concurrent unit that presents the same
     * token waits for this one to end, and then sees what it wrote. So presentations of one spent token
     * are judged one after another, each on what the one before it left ({@link #replaceSuccessor}).
     */
    RefreshConsumption consumeRefreshToken(String hash, Instant now);

    /** The app of the session a refresh token (by hash) belongs to, spent or not; read only. */
    Optional<String> appIdOfRefreshToken(String hash);

    /**
     * Gives a session its next refresh token, recorded as the successor of the token {@code spentHash}
     * it was spent for, and moves the session's expiry and last use, together or not at all. False when
     * the session has ended meanwhile (nothing is written then).
     */
    boolean renew(
            String sessionId,
            String spentHash,
            RefreshTokenRecord next,
            Instant expiresAt,
            Instant now,
            ClientInfo client);

    /**
     * The retry of a refresh whose answer was lost: when the spent token {@code spentHash} has a
     * successor that is still unspent, that successor is revoked (spent now, with no successor of its
     * own, so it refreshes nothing any more), {@code next} takes its place as the spent token's
     * successor, and the session's expiry, last use and client move as in {@link #renew}; all of it or
     * nothing. So a session never has two live refresh tokens, and of concurrent calls for one spent
     * token each replaces the successor the one before it left. Whether the retry is allowed at all
     * (its grace) is the caller's rule, not the store's.
     */
    SuccessorReplacement replaceSuccessor(
            String spentHash, RefreshTokenRecord next, Instant expiresAt, Instant now, ClientInfo client);

    /** Ends a session; true when it was not ended before. */
    boolean end(String sessionId, Instant at, String reason);

    /**
     * Ends every session of a user that is live at {@code at} (neither ended nor expired); the ids of
     * those it ended. Expired sessions are left as they are.
     */
    List<String> endAllOfUser(String userId, Instant at, String reason);

    /**
     * {@link #endAllOfUser} for the sessions the user opened through one app only (the app of an
     * identity that left the user).
     */
    List<String> endAllOfUserInApp(String userId, String appId, Instant at, String reason);

    /**
     * Deletes every session of the user, ended or not, with their refresh tokens (a user that is about
     * to be deleted: merged into another); how many sessions. The caller ends the live ones first, so
     * every instance forgets them.
     */
    int deleteAllOfUser(String userId);

    /** The user's sessions that have neither ended nor expired, newest first. */
    List<SessionRecord> listLive(String userId, Instant now);

    /** How many sessions, of all users, have neither ended nor expired (for a gauge). */
    long countLive(Instant now);

    /** Records that a session was used. */
    void touch(String sessionId, Instant at);

    /**
     * Deletes at most {@code batch} sessions that expired or ended before {@code before}, with their
     * refresh tokens, and at most {@code batch} refresh tokens that expired before {@code before};
     * the number of rows deleted (sessions and refresh tokens, those deleted with their session included).
     */
    int purge(Instant before, int batch);
}
