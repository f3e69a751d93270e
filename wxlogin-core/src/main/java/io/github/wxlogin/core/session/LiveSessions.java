package io.github.wxlogin.core.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Is this session live?", asked on every authenticated request, answered from an in-process cache.
 * A session's record is cached for a short time; ending a session anywhere goes through
 * {@link SessionEnded}, which evicts it here at once. Caffeine makes an eviction wait for a load of
 * the same key in flight, so a load that read "live" just before the end cannot survive it.
 * Last use is written at most once a minute per session, not on every request.
 */
public final class LiveSessions {

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SessionStore store;
    private final Clock clock;
    private final SessionEnded ended;
    private final Cache<String, Optional<SessionRecord>> cache;
    private final ConcurrentHashMap<String, Instant> lastTouched = new ConcurrentHashMap<>();

    public LiveSessions(SessionStore store, Clock clock, SessionEnded ended, Duration cacheFor, Ticker ticker) {
        this.store = store;
        this.clock = clock;
        this.ended = ended;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheFor)
                .maximumSize(200_000)
                .ticker(ticker)
                .build();
        ended.subscribe(this::forget);
    }

    public LiveSessions(SessionStore store, Clock clock, SessionEnded ended) {
        this(store, clock, ended, Duration.ofSeconds(30), Ticker.systemTicker());
    }

    /** True when the session exists, belongs to {@code userId}, has not ended and has not expired. */
    public boolean isLive(String sessionId, String userId) {
        Optional<SessionRecord> session = cache.get(sessionId, store::find);
        Instant now = clock.instant();
        boolean live = session.filter(s -> s.userId().equals(userId))
                .filter(s -> s.isLive(now))
                .isPresent();
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

    private void touch(String sessionId, Instant now) {
        Instant last = lastTouched.get(sessionId);
        if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        if (lastTouched.size() > 200_000) {
            lastTouched.clear();
        }
        lastTouched.put(sessionId, now);
        store.touch(sessionId, now);
    }
}
