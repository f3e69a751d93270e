package io.github.wxlogin.core.session;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.RefreshConsumption.Outcome;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sessions and their refresh tokens in one process's memory, with the semantics of the JDBC store.
 * Every method is synchronized: each call is atomic, so of concurrent {@link #consumeRefreshToken}
 * calls with one unspent token exactly one is {@code SPENT_NOW}, concurrent {@link #replaceSuccessor}
 * calls for one spent token replace its successor one after another, and a session with its refresh
 * token is stored whole or not at all. Session ids and refresh-token hashes are unique, as the database's
 * primary keys make them. Nothing survives the process; for a single instance, development and tests.
 */
public final class InMemorySessionStore implements SessionStore {

    /** How many outcomes {@link #consumptions()} remembers. */
    public static final int RECENT_CONSUMPTIONS = 1_000;

    private static final Comparator<SessionRecord> NEWEST_FIRST = Comparator.comparing(SessionRecord::createdAt)
            .thenComparing(SessionRecord::id)
            .reversed();

    /**
     * A refresh token as stored, with when it was spent and the hash of the token that succeeded it
     * (empty when it has none: unspent, revoked, or its refresh did not renew the session).
     */
    public record StoredRefreshToken(
            RefreshTokenRecord record, Optional<Instant> consumedAt, Optional<String> successor) {
        public boolean spent() {
            return consumedAt.isPresent();
        }

        StoredRefreshToken spentAt(Instant at) {
            return new StoredRefreshToken(record, Optional.of(at), Optional.empty());
        }

        StoredRefreshToken succeededBy(String hash) {
            return new StoredRefreshToken(record, consumedAt, Optional.of(hash));
        }
    }

    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, String> endReasons = new HashMap<>();
    private final Map<String, Set<String>> sessionsOfUser = new HashMap<>();
    private final Map<String, StoredRefreshToken> tokens = new LinkedHashMap<>();
    private final Map<String, Set<String>> tokensOfSession = new HashMap<>();
    private final Deque<Outcome> consumptions = new ArrayDeque<>();
    private int renewals;

    // ---- SessionStore ----

    /**
     * @throws IllegalStateException when the session id or the refresh token's hash is taken (nothing is
     *     stored then)
     * @throws IllegalArgumentException when the refresh token belongs to another session
     */
    @Override
    public synchronized void create(SessionRecord session, RefreshTokenRecord firstRefreshToken) {
        if (sessions.containsKey(session.id()) || tokens.containsKey(firstRefreshToken.hash())) {
            throw new IllegalStateException("duplicate session or refresh token");
        }
        if (!firstRefreshToken.sessionId().equals(session.id())) {
            throw new IllegalArgumentException("the refresh token belongs to another session");
        }
        putSession(session);
        putToken(new StoredRefreshToken(firstRefreshToken, Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized Optional<SessionRecord> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized Optional<String> appIdOfRefreshToken(String hash) {
        return Optional.ofNullable(tokens.get(hash))
                .map(t -> sessions.get(t.record().sessionId()))
                .map(SessionRecord::appId);
    }

    @Override
    public synchronized long countLive(Instant now) {
        return sessions.values().stream().filter(s -> s.isLive(now)).count();
    }

    /**
     * Spent tokens are {@code ALREADY_SPENT} whether expired or not; an unspent one is {@code EXPIRED}
     * from its expiry instant on.
     */
    @Override
    public synchronized RefreshConsumption consumeRefreshToken(String hash, Instant now) {
        StoredRefreshToken token = tokens.get(hash);
        Outcome outcome;
        if (token == null) {
            outcome = Outcome.UNKNOWN;
        } else if (token.spent()) {
            outcome = Outcome.ALREADY_SPENT;
        } else if (!now.isBefore(token.record().expiresAt())) {
            outcome = Outcome.EXPIRED;
        } else {
            tokens.put(hash, token.spentAt(now));
            outcome = Outcome.SPENT_NOW;
        }
        if (consumptions.size() == RECENT_CONSUMPTIONS) {
            consumptions.removeFirst();
        }
        consumptions.addLast(outcome);
        if (token == null) {
            return RefreshConsumption.unknown();
        }
        String sessionId = token.record().sessionId();
        return switch (outcome) {
            case SPENT_NOW -> RefreshConsumption.spentNow(sessionId, now);
            case ALREADY_SPENT ->
                RefreshConsumption.alreadySpent(sessionId, token.consumedAt().orElseThrow());
            case EXPIRED -> RefreshConsumption.expired(sessionId);
            case UNKNOWN -> RefreshConsumption.unknown();
        };
    }

    /**
     * Renews a session that has not ended (expired or not); the user agent and address change only when
     * {@code client} has them.
     *
     * @throws IllegalStateException when the next token's hash is taken (nothing is written then)
     */
    @Override
    public synchronized boolean renew(
            String sessionId,
            String spentHash,
            RefreshTokenRecord next,
            Instant expiresAt,
            Instant now,
            ClientInfo client) {
        SessionRecord s = sessions.get(sessionId);
        if (s == null || s.endedAt().isPresent()) {
            return false;
        }
        if (tokens.containsKey(next.hash())) {
            throw new IllegalStateException("duplicate refresh token");
        }
        sessions.put(sessionId, s.renewed(expiresAt, now, client.userAgent(), client.ip()));
        putToken(new StoredRefreshToken(next, Optional.empty(), Optional.empty()));
        StoredRefreshToken spent = tokens.get(spentHash);
        if (spent != null && spent.record().sessionId().equals(sessionId)) {
            tokens.put(spentHash, spent.succeededBy(next.hash()));
        }
        renewals++;
        return true;
    }

    /**
     * Checks everything before it writes anything, under this store's one lock.
     *
     * @throws IllegalStateException when the next token's hash is taken (nothing is written then)
     */
    @Override
    public synchronized SuccessorReplacement replaceSuccessor(
            String spentHash, RefreshTokenRecord next, Instant expiresAt, Instant now, ClientInfo client) {
        SessionRecord s = sessions.get(next.sessionId());
        if (s == null || s.endedAt().isPresent()) {
            return SuccessorReplacement.SESSION_ENDED;
        }
        StoredRefreshToken spent = tokens.get(spentHash);
        Optional<StoredRefreshToken> successor = Optional.ofNullable(spent)
                .filter(t -> t.record().sessionId().equals(s.id()))
                .flatMap(StoredRefreshToken::successor)
                .map(tokens::get)
                .filter(t -> !t.spent());
        if (successor.isEmpty()) {
            return SuccessorReplacement.NO_UNSPENT_SUCCESSOR;
        }
        if (tokens.containsKey(next.hash())) {
            throw new IllegalStateException("duplicate refresh token");
        }
        tokens.put(successor.get().record().hash(), successor.get().spentAt(now));
        sessions.put(s.id(), s.renewed(expiresAt, now, client.userAgent(), client.ip()));
        putToken(new StoredRefreshToken(next, Optional.empty(), Optional.empty()));
        tokens.put(spentHash, spent.succeededBy(next.hash()));
        return SuccessorReplacement.REPLACED;
    }

    @Override
    public synchronized boolean end(String sessionId, Instant at, String reason) {
        SessionRecord s = sessions.get(sessionId);
        if (s == null || s.endedAt().isPresent()) {
            return false;
        }
        sessions.put(sessionId, s.endedAt(at));
        endReasons.put(sessionId, reason);
        return true;
    }

    /** Ends the user's sessions that are live at {@code at}; expired ones are left as they are. */
    @Override
    public synchronized List<String> endAllOfUser(String userId, Instant at, String reason) {
        List<String> live = sessionsOf(userId)
                .filter(s -> s.isLive(at))
                .map(SessionRecord::id)
                .toList();
        return live.stream().filter(id -> end(id, at, reason)).toList();
    }

    @Override
    public synchronized List<String> endAllOfUserInApp(String userId, String appId, Instant at, String reason) {
        List<String> live = sessionsOf(userId)
                .filter(s -> s.appId().equals(appId) && s.isLive(at))
                .map(SessionRecord::id)
                .toList();
        return live.stream().filter(id -> end(id, at, reason)).toList();
    }

    @Override
    public synchronized int deleteAllOfUser(String userId) {
        List<String> doomed = sessionsOf(userId).map(SessionRecord::id).toList();
        for (String id : doomed) {
            tokensOfSession.getOrDefault(id, Set.of()).forEach(tokens::remove);
            tokensOfSession.remove(id);
            removeSession(id);
        }
        return doomed.size();
    }

    /** Newest first by creation, then by id. */
    @Override
    public synchronized List<SessionRecord> listLive(String userId, Instant now) {
        return sessionsOf(userId)
                .filter(s -> s.isLive(now))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /** Moves the last use forward only, ended session or not. */
    @Override
    public synchronized void touch(String sessionId, Instant at) {
        SessionRecord s = sessions.get(sessionId);
        if (s != null && s.lastUsedAt().isBefore(at)) {
            sessions.put(sessionId, s.usedAt(at));
        }
    }

    /**
     * At most {@code batch} sessions that expired or ended before {@code before} go, their refresh tokens
     * with them; then at most {@code batch} refresh tokens that expired before {@code before}. Counted:
     * every session and refresh token deleted.
     */
    @Override
    public synchronized int purge(Instant before, int batch) {
        List<String> doomed = sessions.values().stream()
                .filter(s -> s.expiresAt().isBefore(before)
                        || s.endedAt().filter(e -> e.isBefore(before)).isPresent())
                .limit(batch)
                .map(SessionRecord::id)
                .toList();
        int deleted = 0;
        for (String id : doomed) {
            for (String hash : tokensOfSession.getOrDefault(id, Set.of())) {
                tokens.remove(hash);
                deleted++;
            }
            tokensOfSession.remove(id);
            removeSession(id);
            deleted++;
        }
        int tokensDeleted = 0;
        for (Iterator<StoredRefreshToken> it = tokens.values().iterator(); it.hasNext() && tokensDeleted < batch; ) {
            RefreshTokenRecord token = it.next().record();
            if (token.expiresAt().isBefore(before)) {
                it.remove();
                Set<String> ofSession = tokensOfSession.get(token.sessionId());
                ofSession.remove(token.hash());
                if (ofSession.isEmpty()) {
                    tokensOfSession.remove(token.sessionId());
                }
                tokensDeleted++;
            }
        }
        return deleted + tokensDeleted;
    }

    // ---- seeding and inspection, for tests and diagnostics ----

    /** Stores or replaces a session as given, without a refresh token. */
    public synchronized void put(SessionRecord session) {
        Optional.ofNullable(sessions.get(session.id())).ifPresent(old -> removeSession(old.id()));
        putSession(session);
    }

    public synchronized Optional<SessionRecord> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Every session, ended and expired ones too, in the order stored. */
    public synchronized List<SessionRecord> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The reason a session was ended with, if it was. */
    public synchronized Optional<String> endReason(String sessionId) {
        return Optional.ofNullable(endReasons.get(sessionId));
    }

    public synchronized Optional<StoredRefreshToken> refreshToken(String hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    /** The refresh tokens of a session, oldest first. */
    public synchronized List<StoredRefreshToken> refreshTokensOf(String sessionId) {
        return tokensOfSession.getOrDefault(sessionId, Set.of()).stream()
                .map(tokens::get)
                .toList();
    }

    /**
     * The outcomes of the latest {@link #consumeRefreshToken} calls, oldest first: the last
     * {@link #RECENT_CONSUMPTIONS} at most.
     */
    public synchronized List<Outcome> consumptions() {
        return List.copyOf(consumptions);
    }

    /** How many {@link #renew} calls renewed a session. */
    public synchronized int renewCount() {
        return renewals;
    }

    private void putSession(SessionRecord session) {
        sessions.put(session.id(), session);
        sessionsOfUser
                .computeIfAbsent(session.userId(), u -> new LinkedHashSet<>())
                .add(session.id());
    }

    private void removeSession(String sessionId) {
        SessionRecord s = sessions.remove(sessionId);
        endReasons.remove(sessionId);
        Set<String> ofUser = sessionsOfUser.get(s.userId());
        ofUser.remove(sessionId);
        if (ofUser.isEmpty()) {
            sessionsOfUser.remove(s.userId());
        }
    }

    private void putToken(StoredRefreshToken token) {
        tokens.put(token.record().hash(), token);
        tokensOfSession
                .computeIfAbsent(token.record().sessionId(), s -> new LinkedHashSet<>())
                .add(token.record().hash());
    }

    private Stream<SessionRecord> sessionsOf(String userId) {
        return new ArrayList<>(sessionsOfUser.getOrDefault(userId, Set.of()))
                .stream().map(sessions::get);
    }
}
