package io.github.wxlogin.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat's server-side access tokens, in two pools that do not touch each other, as WeChat's
 * getStableAccessToken page says: those of {@code cgi-bin/token} and those of {@code cgi-bin/stable_token}.
 * Both are accepted by the APIs.
 *
 * <p>cgi-bin/token (auth.getAccessToken): every call mints a token and supersedes the app's previous
 * one, which keeps working for 5 more minutes so a fleet can switch over.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html
 *
 * <p>cgi-bin/stable_token (getStableAccessToken): normal mode returns the app's current token while it
 * has more than 5 minutes left ("the platform renews the token 5 minutes early"), and a new one in its
 * last 5 minutes, leaving the old one to run out. Forced mode mints a new token and retires the previous
 * one; the docs say "invalidates", the simulator keeps the same 5-minute overlap as cgi-bin/token.
 * Forced refreshes closer than 30 s apart do not refresh (the docs again).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
 */
final class IssuedAccessTokens {

    enum Pool {
        PLAIN,
        STABLE
    }

    /** A token handed out, and the seconds it has left. */
    record Issued(String token, long expiresIn) {
        @Override
        public String toString() {
            return "Issued[token=***, expiresIn=" + expiresIn + "]";
        }
    }

    /** The app a presented token belongs to, or why it is refused. */
    record Check(Optional<String> appId, Optional<WxError> error) {
        static Check ok(String appId) {
            return new Check(Optional.of(appId), Optional.empty());
        }

        static Check refused(WxError error) {
            return new Check(Optional.empty(), Optional.of(error));
        }
    }

    static final Duration LIFE = Duration.ofSeconds(7200);
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final Duration STABLE_EARLY_RENEWAL = Duration.ofMinutes(5);
    static final Duration FORCE_DAMPING = Duration.ofSeconds(30);
    /** Expired tokens are remembered this long, so they are answered 42001 rather than 40001. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private static final int PRUNE_EVERY = 256;

    private static final class Grant {
        final String token;
        final String appId;
        final Instant expiresAt;
        volatile Instant retiresAt; // set when superseded: the end of the overlap

        Grant(String token, String appId, Instant expiresAt) {
            this.token = token;
            this.appId = appId;
            this.expiresAt = expiresAt;
        }
    }

    private record Slot(String appId, Pool pool) {}

    private final SimClock clock;
    private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
    private final Map<Slot, Grant> current = new HashMap<>();
    private final Map<String, Instant> lastForced = new HashMap<>();
    private int minted;

    IssuedAccessTokens(SimClock clock) {
        this.clock = clock;
    }

    /** cgi-bin/token: a new token; the previous one retires after the overlap. */
    synchronized Issued issue(String appId) {
        Instant now = clock.now();
        Slot slot = new Slot(appId, Pool.PLAIN);
        retire(current.get(slot), now);
        return issued(mint(slot, now), now);
    }

    /** cgi-bin/stable_token. */
    synchronized Issued stable(String appId, boolean forceRefresh) {
        Instant now = clock.now();
        Slot slot = new Slot(appId, Pool.STABLE);
        Grant cur = current.get(slot);
        boolean live = cur != null && now.isBefore(cur.expiresAt);
        if (forceRefresh) {
            Instant forcedAt = lastForced.get(appId);
            if (live && forcedAt != null && now.isBefore(forcedAt.plus(FORCE_DAMPING))) {
                return issued(cur, now);
            }
            lastForced.put(appId, now);
            retire(cur, now);
            return issued(mint(slot, now), now);
        }
        if (live && now.isBefore(cur.expiresAt.minus(STABLE_EARLY_RENEWAL))) {
            return issued(cur, now);
        }
        return issued(mint(slot, now), now);
    }

    /** Whether a presented token is good now, and for which app. */
    Check check(String token) {
        Grant g = token == null ? null : byToken.get(token);
        if (g == null) {
            return Check.refused(WxError.INVALID_CREDENTIAL);
        }
        Instant now = clock.now();
        if (!now.isBefore(g.expiresAt)) {
            return Check.refused(WxError.ACCESS_TOKEN_EXPIRED);
        }
        Instant retires = g.retiresAt;
        if (retires != null && !now.isBefore(retires)) {
            return Check.refused(WxError.INVALID_CREDENTIAL);
        }
        return Check.ok(g.appId);
    }

    synchronized void clear() {
        byToken.clear();
        current.clear();
        lastForced.clear();
    }

    private Grant mint(Slot slot, Instant now) {
        if (++minted % PRUNE_EVERY == 0) {
            byToken.values().removeIf(g -> g.expiresAt.plus(KEEP_AFTER_EXPIRY).isBefore(now));
        }
        String token;
        Grant grant;
        do {
            // Real tokens are long opaque [A-Za-z0-9_-] strings with a numeric prefix; clients must
            // keep 512 characters for them.
            token = "90_" + Randoms.base64url(96);
            grant = new Grant(token, slot.appId(), now.plus(LIFE));
        } while (byToken.putIfAbsent(token, grant) != null);
        current.put(slot, grant);
        return grant;
    }

    private static void retire(Grant previous, Instant now) {
        if (previous != null && previous.retiresAt == null) {
            previous.retiresAt = now.plus(OVERLAP);
        }
    }

    private static Issued issued(Grant g, Instant now) {
        return new Issued(
                g.token, Math.max(0, Duration.between(now, g.expiresAt).toSeconds()));
    }
}
