package io.github.wxlogin.core.session;

import io.github.wxlogin.core.session.ClientInfo;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.RefreshConsumption.Outcome;
import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SessionStore} in memory for tests, with the JDBC store's semantics: every method is
 * synchronized, so {@link #consumeRefreshToken} is atomic (of concurrent calls with one unspent token,
 * exactly one is {@code SPENT_NOW}). It counts what the code under test asked, so a test can tell
 * whether the store was reached at all.
 */
public final class InMemorySessionStore implements SessionStore {

    /** A refresh token as stored, with when it was spent. */
    public record StoredRefreshToken(RefreshTokenRecord record, Optional<Instant> consumedAt) {
        public boolean spent() {
            return consumedAt.isPresent();
        }
    }

    /** One call of {@link #purge}: what was asked and how many rows it deleted. */
    public record PurgeCall(Instant before, int batch, int deleted) {
    }

    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, String> endReasons = new LinkedHashMap<>();
    private final Map<String, StoredRefreshToken> tokens = new LinkedHashMap<>();
    private final Map<String, Integer> touches = new LinkedHashMap<>();
    private final List<Outcome> consumptions = new ArrayList<>();
    private final List<PurgeCall> purgeCalls = new ArrayList<>();
    private int finds;
    private int renewals;

    // ---- the interface ----

    @Override
    public synchronized void create(SessionRecord session, RefreshTokenRecord firstRefreshToken) {
        if (sessions.containsKey(session.id()) || tokens.containsKey(firstRefreshToken.hash())) {
            throw new IllegalStateException("duplicate session or refresh token");
        }
        if (!firstRefreshToken.sessionId().equals(session.id())) {
            throw new IllegalArgumentException("the refresh token belongs to another session");
        }
        sessions.put(session.id(), session);
        tokens.put(firstRefreshToken.hash(), new StoredRefreshToken(firstRefreshToken, Optional.empty()));
    }

    @Override
    public synchronized Optional<SessionRecord> find(String sessionId) {
        finds++;
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
            tokens.put(hash, new StoredRefreshToken(token.record(), Optional.of(now)));
            outcome = Outcome.SPENT_NOW;
        }
        consumptions.add(outcome);
        return token == null ? RefreshConsumption.unknown()
                : new RefreshConsumption(outcome, Optional.of(token.record().sessionId()));
    }

    @Override
    public synchronized boolean renew(String sessionId, RefreshTokenRecord next, Instant expiresAt, Instant now,
            ClientInfo client) {
        SessionRecord s = sessions.get(sessionId);
        if (s == null || s.endedAt().isPresent()) {
            return false;
        }
        if (tokens.containsKey(next.hash())) {
            throw new IllegalStateException("duplicate refresh token");
        }
        sessions.put(sessionId, new SessionRecord(s.id(), s.userId(), s.appId(), s.createdAt(), expiresAt, now,
                client.userAgent().or(s::userAgent), client.ip().or(s::clientIp), s.endedAt()));
        tokens.put(next.hash(), new StoredRefreshToken(next, Optional.empty()));
        renewals++;
        return true;
    }

    @Override
    public synchronized boolean end(String sessionId, Instant at, String reason) {
        SessionRecord s = sessions.get(sessionId);
        if (s == null || s.endedAt().isPresent()) {
            return false;
        }
        sessions.put(sessionId, withEnded(s, at));
        endReasons.put(sessionId, reason);
        return true;
    }

    @Override
    public synchronized List<String> endAllOfUser(String userId, Instant at, String reason) {
        List<String> open = sessions.values().stream()
                .filter(s -> s.userId().equals(userId) && s.endedAt().isEmpty())
                .map(SessionRecord::id)
                .toList();
        return open.stream().filter(id -> end(id, at, reason)).toList();
    }

    @Override
    public synchronized List<SessionRecord> listLive(String userId, Instant now) {
        return sessions.values().stream()
                .filter(s -> s.userId().equals(userId) && s.isLive(now))
                .sorted(Comparator.comparing(SessionRecord::createdAt).thenComparing(SessionRecord::id).reversed())
                .toList();
    }

    @Override
    public synchronized void touch(String sessionId, Instant at) {
        touches.merge(sessionId, 1, Integer::sum);
        SessionRecord s = sessions.get(sessionId);
        if (s != null && s.lastUsedAt().isBefore(at)) {
            sessions.put(sessionId, new SessionRecord(s.id(), s.userId(), s.appId(), s.createdAt(), s.expiresAt(), at,
                    s.userAgent(), s.clientIp(), s.endedAt()));
        }
    }

    /**
     * As the JDBC store: at most {@code batch} sessions that expired or ended before {@code before} go,
     * their refresh tokens with them; then at most {@code batch} refresh tokens that expired before
     * {@code before}. Counted: the sessions, and the refresh tokens of the second step.
     */
    @Override
    public synchronized int purge(Instant before, int batch) {
        List<String> doomed = sessions.values().stream()
                .filter(s -> s.expiresAt().isBefore(before) || s.endedAt().filter(e -> e.isBefore(before)).isPresent())
                .limit(batch)
                .map(SessionRecord::id)
                .toList();
        int deleted = 0;
        for (String id : doomed) {
            tokens.values().removeIf(t -> t.record().sessionId().equals(id));
            sessions.remove(id);
            endReasons.remove(id);
            deleted++;
        }
        int tokensDeleted = 0;
        for (Iterator<StoredRefreshToken> it = tokens.values().iterator(); it.hasNext() && tokensDeleted < batch; ) {
            if (it.next().record().expiresAt().isBefore(before)) {
                it.remove();
                tokensDeleted++;
            }
        }
        deleted += tokensDeleted;
        purgeCalls.add(new PurgeCall(before, batch, deleted));
        return deleted;
    }

    // ---- for tests ----

    /** Stores or replaces a session as given, without a refresh token. */
    public synchronized void put(SessionRecord session) {
        sessions.put(session.id(), session);
    }

    /** Stores a refresh token as given (spent when {@code consumedAt} is present). */
    public synchronized void putRefreshToken(RefreshTokenRecord token, Optional<Instant> consumedAt) {
        tokens.put(token.hash(), new StoredRefreshToken(token, consumedAt));
    }

    public synchronized Optional<SessionRecord> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    public synchronized List<SessionRecord> sessions() {
        return List.copyOf(sessions.values());
    }

    public synchronized Optional<String> endReason(String sessionId) {
        return Optional.ofNullable(endReasons.get(sessionId));
    }

    public synchronized Optional<StoredRefreshToken> refreshToken(String hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    /** The refresh tokens of a session, oldest first. */
    public synchronized List<StoredRefreshToken> refreshTokensOf(String sessionId) {
        return tokens.values().stream().filter(t -> t.record().sessionId().equals(sessionId)).toList();
    }

    public synchronized int refreshTokenCount() {
        return tokens.size();
    }

    /** How often {@link #find} was called. */
    public synchronized int finds() {
        return finds;
    }

    /** How many {@link #renew} calls renewed a session. */
    public synchronized int renewCount() {
        return renewals;
    }

    /** How often {@link #touch} was called for this session. */
    public synchronized int touches(String sessionId) {
        return touches.getOrDefault(sessionId, 0);
    }

    /** The outcome of every {@link #consumeRefreshToken} call, in order. */
    public synchronized List<Outcome> consumptions() {
        return List.copyOf(consumptions);
    }

    public synchronized List<PurgeCall> purgeCalls() {
        return List.copyOf(purgeCalls);
    }

    private static SessionRecord withEnded(SessionRecord s, Instant at) {
        return new SessionRecord(s.id(), s.userId(), s.appId(), s.createdAt(), s.expiresAt(), s.lastUsedAt(),
                s.userAgent(), s.clientIp(), Optional.of(at));
    }
}
