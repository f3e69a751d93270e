package io.github.wxlogin.core.testing;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.session.SuccessorReplacement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SessionStore} that passes every call on to another and counts what the code under test
 * asked, so a test can tell whether the store was reached at all.
 */
public final class RecordingSessionStore implements SessionStore {

    /** One call of {@link #purge}: what was asked and how many rows it deleted. */
    public record PurgeCall(Instant before, int batch, int deleted) {}

    private final SessionStore store;
    private final Map<String, Integer> touches = new HashMap<>();
    private final List<PurgeCall> purgeCalls = new ArrayList<>();
    private int finds;

    public RecordingSessionStore(SessionStore store) {
        this.store = store;
    }

    /** How often {@link #find} was called. */
    public synchronized int finds() {
        return finds;
    }

    /** How often {@link #touch} was called for this session. */
    public synchronized int touches(String sessionId) {
        return touches.getOrDefault(sessionId, 0);
    }

    public synchronized List<PurgeCall> purgeCalls() {
        return List.copyOf(purgeCalls);
    }

    @Override
    public void create(SessionRecord session, RefreshTokenRecord firstRefreshToken) {
        store.create(session, firstRefreshToken);
    }

    @Override
    public Optional<SessionRecord> find(String sessionId) {
        synchronized (this) {
            finds++;
        }
        return store.find(sessionId);
    }

    @Override
    public RefreshConsumption consumeRefreshToken(String hash, Instant now) {
        return store.consumeRefreshToken(hash, now);
    }

    @Override
    public Optional<String> appIdOfRefreshToken(String hash) {
        return store.appIdOfRefreshToken(hash);
    }

    @Override
    public boolean renew(
            String sessionId,
            String spentHash,
            RefreshTokenRecord next,
            Instant expiresAt,
            Instant now,
            ClientInfo client) {
        return store.renew(sessionId, spentHash, next, expiresAt, now, client);
    }

    @Override
    public SuccessorReplacement replaceSuccessor(
            String spentHash, RefreshTokenRecord next, Instant expiresAt, Instant now, ClientInfo client) {
        return store.replaceSuccessor(spentHash, next, expiresAt, now, client);
    }

    @Override
    public boolean end(String sessionId, Instant at, String reason) {
        return store.end(sessionId, at, reason);
    }

    @Override
    public List<String> endAllOfUser(String userId, Instant at, String reason) {
        return store.endAllOfUser(userId, at, reason);
    }

    @Override
    public List<String> endAllOfUserInApp(String userId, String appId, Instant at, String reason) {
        return store.endAllOfUserInApp(userId, appId, at, reason);
    }

    @Override
    public int deleteAllOfUser(String userId) {
        return store.deleteAllOfUser(userId);
    }

    @Override
    public List<SessionRecord> listLive(String userId, Instant now) {
        return store.listLive(userId, now);
    }

    @Override
    public long countLive(Instant now) {
        return store.countLive(now);
    }

    @Override
    public void touch(String sessionId, Instant at) {
        synchronized (this) {
            touches.merge(sessionId, 1, Integer::sum);
        }
        store.touch(sessionId, at);
    }

    @Override
    public int purge(Instant before, int batch) {
        int deleted = store.purge(before, batch);
        synchronized (this) {
            purgeCalls.add(new PurgeCall(before, batch, deleted));
        }
        return deleted;
    }
}
