package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.InMemoryCodeLedger;
import io.github.wxlogin.core.token.RefreshTokens;
import io.lettuce.core.SetArgs;

/**
 * The {@link CodeLedger} of a fleet: {@code SET key 1 NX PX …} claims a code for every instance at once.
 * Keys hold a hash of the code, never the code.
 */
final class RedisCodeLedger implements CodeLedger {

    private final RedisConnections redis;

    RedisCodeLedger(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public boolean claim(String appId, String code) {
        String ok = RedisFailures.call(() -> redis.sync()
                .set(key(appId, code), "1", SetArgs.Builder.nx().px(InMemoryCodeLedger.REMEMBER.toMillis())));
        return "OK".equals(ok);
    }

    @Override
    public void release(String appId, String code) {
        RedisFailures.run(() -> redis.sync().del(key(appId, code)));
    }

    private static String key(String appId, String code) {
        return "wxlogin:code:{" + appId + "}:" + RefreshTokens.hash(code);
    }
}
