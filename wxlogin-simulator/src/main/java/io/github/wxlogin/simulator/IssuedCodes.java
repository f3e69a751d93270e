package io.github.wxlogin.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Single-use codes with a lifetime, minted for one app: the wx.login codes and the getPhoneNumber
 * codes. Spending is atomic: of any number of simultaneous spends of one code, exactly one wins.
 *
 * @param <T> what a code stands for (a user name, a phone number grant)
 */
final class IssuedCodes<T> {

    enum Status {
        GOOD,
        UNKNOWN,
        EXPIRED,
        OTHER_APP,
        SPENT
    }

    record Lookup<T>(Status status, T payload, Instant issuedAt) {}

    private static final class Entry<T> {
        final String appId;
        final T payload;
        final Instant issuedAt;
        final Instant expiresAt;
        final AtomicBoolean spent = new AtomicBoolean();

        Entry(String appId, T payload, Instant issuedAt, Instant expiresAt) {
            this.appId = appId;
            this.payload = payload;
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
        }
    }

    /** Entries are kept this long past expiry, then dropped; by then the answer is 40029 anyway. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofHours(1);

    private static final int PRUNE_EVERY = 256;

    private final SimClock clock;
    private final Duration life;
    private final Supplier<String> newCode;
    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final AtomicInteger minted = new AtomicInteger();

    IssuedCodes(SimClock clock, Duration life, Supplier<String> newCode) {
        this.clock = clock;
        this.life = life;
        this.newCode = newCode;
    }

    String mint(String appId, T payload) {
        Instant now = clock.now();
        if (minted.incrementAndGet() % PRUNE_EVERY == 0) {
            entries.values().removeIf(e -> e.expiresAt.plus(KEEP_AFTER_EXPIRY).isBefore(now));
        }
        while (true) {
            String code = newCode.get();
            if (entries.putIfAbsent(code, new Entry<>(appId, payload, now, now.plus(life))) == null) {
                return code;
            }
        }
    }

    /** What the code is, for this app, without spending it. */
    Lookup<T> peek(String code, String appId) {
        Entry<T> e = code == null ? null : entries.get(code);
        if (e == null) {
            return new Lookup<>(Status.UNKNOWN, null, null);
        }
        if (!e.appId.equals(appId)) {
            return new Lookup<>(Status.OTHER_APP, null, null);
        }
        if (!clock.now().isBefore(e.expiresAt)) {
            return new Lookup<>(Status.EXPIRED, null, null);
        }
        if (e.spent.get()) {
            return new Lookup<>(Status.SPENT, null, null);
        }
        return new Lookup<>(Status.GOOD, e.payload, e.issuedAt);
    }

    /** Spends a code {@link #peek} found good; true for the one caller that spent it. */
    boolean spend(String code) {
        Entry<T> e = entries.get(code);
        return e != null && e.spent.compareAndSet(false, true);
    }

    /** Peeks and spends in one go: GOOD for the one caller that spent it, SPENT for the others. */
    Lookup<T> redeem(String code, String appId) {
        Lookup<T> found = peek(code, appId);
        if (found.status() != Status.GOOD) {
            return found;
        }
        return spend(code) ? found : new Lookup<>(Status.SPENT, null, null);
    }

    void clear() {
        entries.clear();
    }
}
