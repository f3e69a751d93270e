package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fleet's WeChat access tokens: one per app in Redis, sealed under the master key, and a per-app
 * lock so one instance fetches for all. Both keys of an app share the hash tag {@code {appid}}, so they
 * live on one Redis Cluster slot; the lock is a plain {@code SET NX PX} and its release a one-key script,
 * nothing pipelined.
 */
final class RedisAccessTokenStore implements AccessTokenStore {

    private static final Duration LOCK_TTL = Duration.ofSeconds(15);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisConnections redis;
    private final SecretBox box;
    private final Clock clock;
    private final Ids ids;

    RedisAccessTokenStore(RedisConnections redis, SecretBox box, Clock clock, Ids ids) {
        this.redis = redis;
        this.box = box;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Optional<WeChatAccessToken> get(String appId) {
        String stored = RedisFailures.call(() -> redis.sync().get(tokenKey(appId)));
        if (stored == null) {
            return Optional.empty();
        }
        int sep = stored.indexOf('|');
        try {
            String token = box.open(stored.substring(sep + 1), "wechat-token:" + appId);
            return Optional.of(
                    new WeChatAccessToken(token, Instant.ofEpochMilli(Long.parseLong(stored.substring(0, sep)))));
        } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException e) {
            // Sealed under another master key (another deployment on this Redis, or a changed key), or
            // not ours at all: treat as absent; the next fetch overwrites it.
            return Optional.empty();
        }
    }

    @Override
    public void put(String appId, WeChatAccessToken token) {
        long ttl = Duration.between(clock.instant(), token.expiresAt()).toMillis();
        if (ttl <= 0) {
            return;
        }
        String value = token.expiresAt().toEpochMilli() + "|" + box.seal(token.value(), "wechat-token:" + appId);
        RedisFailures.run(() -> redis.sync().set(tokenKey(appId), value, SetArgs.Builder.px(ttl)));
    }

    @Override
    public <T> T withLock(String appId, Supplier<T> action) {
        String key = "wxlogin:{" + appId + "}:wechat-token-lock";
        String owner = ids.randomText(12);
        Instant giveUp = clock.instant().plus(LOCK_WAIT);
        while (!"OK"
                .equals(RedisFailures.call(
                        () -> redis.sync().set(key, owner, SetArgs.Builder.nx().px(LOCK_TTL.toMillis()))))) {
            if (clock.instant().isAfter(giveUp)) {
                throw new WeChatUnavailable("access token", "another instance holds the token lock", null);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeChatUnavailable("access token", "interrupted", null);
            }
        }
        try {
            return action.get();
        } finally {
            RedisFailures.run(() -> redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, owner));
        }
    }

    private static String tokenKey(String appId) {
        return "wxlogin:{" + appId + "}:wechat-token";
    }
}
