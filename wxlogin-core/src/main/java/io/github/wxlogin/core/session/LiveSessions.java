package io.github.wxlogin.core.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.wxlogin.core.support.Bytes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Is this session live?", asked on every authenticated request, answered from an in-process cache.
 * A session's record is cached for a short time; ending a session anywhere goes through
 * {@link SessionEnded}, which evicts it here at once; when that news may have been missed (a fleet's
 * subscription was down), every cached record is dropped. Caffeine makes an eviction wait for a load of
 * the same key in flight, so a load that read "live" just before the end cannot survive it.
 * Last use is written at most once a minute per session, not on every request.
 */
public final class LiveSessions {

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** The cache's bound in bytes (an entry's size estimated from its ids, about 300 bytes each). */
    static final long CACHE_BYTES = 8L << 20;
    /** An Optional (16), a Liveness (24) and its Instant (24), without the user id. */
    private static final int LIVENESS = 64;
    /** An empty Optional: a session the store does not have. */
    private static final int OPTIONAL = 16;
    /** Sessions whose last touch is remembered; about 120 bytes each, so about 6 MiB at the bound. */
    static final int TOUCHED_MAX = 50_000;

    /** What the check needs of a session: not its user agent or address, so entries stay small. */
    private record Liveness(String userId, Instant expiresAt, boolean ended) {

        static Optional<Liveness> of(Optional<SessionRecord> session) {
            return session.map(
                    s -> new Liveness(s.userId(), s.expiresAt(), s.endedAt().isPresent()));
        }

        boolean isLive(String userId, Instant now) {
            return !ended && this.userId.equals(userId) && now.isBefore(expiresAt);
        }
    }

    private final SessionStore store;
    private final Clock clock;
    private final SessionEnded ended;
    private final Duration cacheFor;
    private final Ticker ticker;
    /** Replaced whole by {@link #forgetAll}: a load in flight then fills the cache that was dropped. */
    private volatile Cache<String, Optional<Liveness>> cache;

    private final ConcurrentHashMap<String, Instant> lastTouched = new ConcurrentHashMap<>();

    public LiveSessions(SessionStore store, Clock clock, SessionEnded ended, Duration cacheFor, Ticker ticker) {
        this.store = store;
        this.clock = clock;
        this.ended = ended;
        this.cacheFor = cacheFor;
        this.ticker = ticker;
        this.cache = newCache();
        ended.subscribe(this::forget);
        ended.onMissedNews(this::forgetAll);
    }

    private Cache<String, Optional<Liveness>> newCache() {
        return Caffeine.newBuilder()
                .expireAfterWrite(cacheFor)
                .maximumWeight(CACHE_BYTES)
                .weigher((String id, Optional<Liveness> l) -> Bytes.entry(id)
                        + l.map(x -> Bytes.string(x.userId()) + 48).orElse(0))
                .ticker(ticker)
                .build();
    }

    public LiveSessions(SessionStore store, Clock clock, SessionEnded ended) {
        this(store, clock, ended, Duration.ofSeconds(30), Ticker.systemTicker());
    }

    /** True when the session exists, belongs to {@code userId}, has not ended and has not expired. */
    public boolean isLive(String sessionId, String userId) {
        Optional<Liveness> session = cache.get(sessionId, id -> Liveness.of(store.find(id)));
        Instant now = clock.instant();
        boolean live = session.filter(s -> s.isLive(userId, now)).isPresent();
        if (live) {
            touch(sessionId, now);
        }
        return live;
    }

    /** Ends a session in the store and makes every instance forget it. True if it was live. */
    public boolean end(String sessionId, String reason) {
        boolean changed = store.end(sessionId, clock.instant(), reason);
        forget(sessionId);
        ended.publish(sessionId);
        return changed;
    }

    /** Makes every instance forget a session that was ended in the store by other means. */
    public void announceEnded(String sessionId) {
        ended.publish(sessionId);
    }

    /** Forgets what this instance knows of a session (the {@link SessionEnded} listener). */
    public void forget(String sessionId) {
        cache.invalidate(sessionId);
        lastTouched.remove(sessionId);
    }

    /**
     * Forgets every session this instance holds (the {@link SessionEnded} listener for news that may
     * have been missed): each is read from the store again at its next check. A check under way at
     * that moment answers what it read, and keeps it nowhere.
     */
    public void forgetAll() {
        cache = newCache();
    }

    private void touch(String sessionId, Instant now) {
        Instant last = lastTouched.get(sessionId);
        if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        if (lastTouched.size() > TOUCHED_MAX) {
            lastTouched.clear();
        }
        lastTouched.put(sessionId, now);
        store.touch(sessionId, now);
    }
}
