package io.github.wxlogin.core.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts {@code GET /v1/me} answers, kept in process so that asking again for a user that has
 * not changed costs no database read. An entry holds one user's accounts, by app.
 *
 * <p>Every write of a user goes through {@link AnnouncingUserStore}, which, once the write has
 * committed, calls {@link #announceChanged}: this instance forgets the user, and {@link UserChanged}
 * tells every other instance to forget it too. An instance whose Redis subscription was down forgets
 * every user once it is back ({@link UserChanged#onMissedNews}); until then it answers a changed user
 * for {@code ttl} at most: an entry is dropped that long after it was first filled, however often it
 * is read or filled further. The same bound holds for a change made in the database directly.
 *
 * <p>A read that started before a change may end after the change was forgotten, holding the user as
 * it was; it must not put that back. Each forget moves a generation counter on (one of {@value
 * #STRIPES}, chosen by the user id) before it invalidates; a read notes the counter before it asks the
 * store and inserts only when the counter has not moved. The check runs inside the map's compute of
 * the user's key, which an invalidation of the same key waits for, so a forget either makes the check
 * fail or removes what the check let in. Nothing is locked while the store is read.
 *
 * <p>Bounded in bytes: each entry weighs what {@link CachedAccountSize} estimates it occupies on the heap.
 */
public final class UserCache {

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);

    /** Counters shared by user ids of the same hash: a forget may refuse a concurrent read of another user. */
    static final int STRIPES = 4096;

    private final Duration ttl;
    private final UserStore store;
    private final UserChanged changed;
    private final long maxBytes;
    private final Ticker ticker;
    /** Replaced whole by {@link #forgetAll}: a read in flight then fills the cache that was dropped. */
    private volatile Cache<String, Map<String, Account>> cache;

    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    /**
     * @param maxBytes the bound of the estimated size of every entry together
     * @param ttl how long an entry is kept after it was first filled
     */
    public UserCache(UserStore store, UserChanged changed, long maxBytes, Duration ttl, Ticker ticker) {
        this.ttl = ttl;
        this.store = store;
        this.changed = changed;
        this.maxBytes = maxBytes;
        this.ticker = ticker;
        this.cache = newCache();
        changed.subscribe(this::forget);
        changed.onMissedNews(this::forgetAll);
    }

    private Cache<String, Map<String, Account>> newCache() {
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(CachedAccountSize::of)
                // From the first fill: an app's account added later must not extend the others' age.
                .expireAfter(Expiry.creating((String userId, Map<String, Account> accounts) -> ttl))
                .ticker(ticker)
                .build();
    }

    /** The user and its identity in {@code appId}, as {@link UserStore#findAccount} answers it. */
    public Optional<Account> findAccount(String userId, String appId) {
        // One cache throughout: a forgetAll meanwhile drops what this read puts in.
        Cache<String, Map<String, Account>> current = cache;
        Map<String, Account> known = current.getIfPresent(userId);
        if (known != null && known.containsKey(appId)) {
            return Optional.of(known.get(appId));
        }
        int stripe = stripe(userId);
        long before = generations.get(stripe);
        Optional<Account> found = store.findAccount(userId, appId);
        // An unknown user or identity is not remembered: it is rare, and a login may create it any time.
        found.ifPresent(account -> current.asMap().compute(userId, (id, present) -> {
            if (generations.get(stripe) != before) {
                return present; // the user changed while it was read: what was read may be the old user
            }
            Map<String, Account> accounts = present == null ? new HashMap<>() : new HashMap<>(present);
            accounts.put(appId, account);
            return Map.copyOf(accounts);
        }));
        return found;
    }

    /**
     * Makes every instance forget the user; called once its change has committed. Forgotten here first,
     * so this instance is right even if telling the others fails (and the failure is thrown).
     */
    public void announceChanged(String userId) {
        forget(userId);
        try {
            changed.publish(userId);
        } catch (RuntimeException e) {
            // The change is committed and this instance shows it; the others show the user as it was for
            // ttl at most. Failing the request instead would answer 503 for a change that was made (a login
            // then spends its code) or stop a disable before it ends the user's sessions.
            log.warn(
                    "Could not tell the other instances that user {} changed ({}); they forget it within {}",
                    userId,
                    e.getClass().getSimpleName(),
                    ttl);
        }
    }

    /** Forgets what this instance holds of the user (the {@link UserChanged} listener). */
    public void forget(String userId) {
        generations.incrementAndGet(stripe(userId));
        cache.invalidate(userId);
    }

    /**
     * Forgets every user (the {@link UserChanged} listener for news that may have been missed, when a
     * fleet's subscription was down and is back): each is read from the store again when next asked.
     */
    public void forgetAll() {
        cache = newCache();
    }

    /** The estimated size of every entry together, after pending evictions ran. */
    long estimatedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private static int stripe(String userId) {
        return (userId.hashCode() & 0x7fffffff) % STRIPES;
    }
}
