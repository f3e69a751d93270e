package io.github.wxlogin.core.sessionkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.support.Bytes;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the platform whether a stored session_key is still the one it holds (WeChat's
 * {@code checksession}: HMAC-SHA256 of the empty string under the key, {@link PlatformClient#sessionKeyValid}),
 * so that {@code session_key_stale} is a fact and not a guess. Asked only after data failed to open,
 * never on the way to a success.
 *
 * <p>The answer is kept per stored key (the sealed value: a login or a reset that changes the key asks
 * afresh): {@link Verdict#VALID} for {@link #VALID_FOR}, {@link Verdict#STALE} for {@link #STALE_FOR} (a
 * key WeChat dropped never comes back), {@link Verdict#UNKNOWN} (WeChat could not answer) for
 * {@link #UNKNOWN_FOR}; so a client looping bad data makes at most one call per key per that time,
 * whatever the per-user rate limit allows. Bounded in bytes ({@link #MAX_BYTES}). A platform without
 * such a check ({@link PlatformClient#checksSessionKeys} is false) is {@link Verdict#UNKNOWN} without
 * unsealing the key, a call or a log line; so is one that answers {@code unsupported} all the same.
 */
public final class SessionKeyHealth implements SessionKeyCheck {

    private static final Logger log = LoggerFactory.getLogger(SessionKeyHealth.class);
    static final Duration VALID_FOR = Duration.ofMinutes(1);
    static final Duration STALE_FOR = Duration.ofMinutes(10);
    static final Duration UNKNOWN_FOR = Duration.ofSeconds(10);
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private record Key(String appId, String openid, String sealedCurrent) {

        @Override
        public String toString() {
            return "Key[appId=" + appId + ", openid=" + openid + "]";
        }
    }

    private final Apps apps;
    private final PlatformClient platform;
    private final SessionKeyVault vault;
    private final Cache<Key, Verdict> verdicts;

    public SessionKeyHealth(Apps apps, PlatformClient platform, SessionKeyVault vault, Ticker ticker) {
        this.apps = apps;
        this.platform = platform;
        this.vault = vault;
        this.verdicts = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES)
                .weigher((Key k, Verdict v) ->
                        Bytes.entry(k.appId()) + Bytes.string(k.openid()) + Bytes.string(k.sealedCurrent()))
                .expireAfter(Expiry.creating((Key k, Verdict v) -> lifeOf(v)))
                .ticker(ticker)
                .build();
    }

    private static Duration lifeOf(Verdict v) {
        return switch (v) {
            case VALID -> VALID_FOR;
            case STALE -> STALE_FOR;
            case UNKNOWN -> UNKNOWN_FOR;
        };
    }

    @Override
    public Verdict check(StoredSessionKeys stored) {
        Optional<App> app = apps.find(stored.appId());
        if (app.isEmpty() || !stored.hasKey() || !platform.checksSessionKeys(app.get())) {
            // Nothing to ask, or a platform without the check: the key is not unsealed for nothing.
            return Verdict.UNKNOWN;
        }
        Key key = new Key(stored.appId(), stored.openid(), stored.sealedCurrent());
        Verdict known = verdicts.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Verdict verdict;
        try {
            String sessionKey = vault.open(stored.appId(), stored.openid(), stored.sealedCurrent());
            verdict = platform.sessionKeyValid(app.get(), stored.openid(), sessionKey) ? Verdict.VALID : Verdict.STALE;
        } catch (PlatformException e) {
            if (e.code() == ErrorCode.UNSUPPORTED) {
                return Verdict.UNKNOWN;
            }
            log.warn(
                    "Could not ask {} whether the session_key of openid={} app={} is current ({}): answering as before, without knowing",
                    app.get().platform().id(),
                    stored.openid(),
                    stored.appId(),
                    e.code().code());
            verdict = Verdict.UNKNOWN;
        }
        if (verdict != Verdict.UNKNOWN) {
            log.info(
                    "{} says the session_key of openid={} app={} is {}",
                    app.get().platform().id(),
                    stored.openid(),
                    stored.appId(),
                    verdict == Verdict.VALID ? "current" : "no longer valid");
        }
        verdicts.put(key, verdict);
        return verdict;
    }
}
