package io.github.wxlogin.core.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.wxlogin.core.platform.PlatformEncryptKey;
import io.github.wxlogin.core.support.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The users' encrypt keys as the platform last listed them, per identity (app, openid), in memory only:
 * kept {@link #KEEP} at most (a key lives 3,600 s at WeChat; a version the list lacks makes the caller
 * fetch again) and bounded in bytes ({@link #MAX_BYTES}). The keys never leave this instance.
 */
final class EncryptKeyCache {

    static final Duration KEEP = Duration.ofMinutes(15);
    static final long MAX_BYTES = 2L * 1024 * 1024;

    /** A list as fetched, and when. */
    record Listed(List<PlatformEncryptKey> keys, Instant fetchedAt) {

        Optional<PlatformEncryptKey> version(long version) {
            return keys.stream().filter(k -> k.version() == version).findFirst();
        }

        @Override
        public String toString() {
            return "Listed[" + keys.size() + " keys, fetchedAt=" + fetchedAt + "]";
        }
    }

    private record Key(String appId, String openid) {}

    private final Cache<Key, Listed> cache;

    EncryptKeyCache(Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(KEEP)
                .maximumWeight(MAX_BYTES)
                .weigher((Key k, Listed l) -> Bytes.entry(k.appId())
                        + Bytes.string(k.openid())
                        + l.keys().stream()
                                .mapToInt(e -> Bytes.string(e.encryptKey()) + Bytes.string(e.iv()) + 64)
                                .sum())
                .ticker(ticker)
                .build();
    }

    Optional<Listed> get(String appId, String openid) {
        return Optional.ofNullable(cache.getIfPresent(new Key(appId, openid)));
    }

    void put(String appId, String openid, Listed listed) {
        cache.put(new Key(appId, openid), listed);
    }
}
