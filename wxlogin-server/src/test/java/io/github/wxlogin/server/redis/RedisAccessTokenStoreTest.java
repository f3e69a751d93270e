package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.AccessTokenStoreContract;
import io.github.wxlogin.server.TestRedis;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link AccessTokenStoreContract} on {@link RedisAccessTokenStore}, on an emptied database of the machine's Redis. */
class RedisAccessTokenStoreTest extends AccessTokenStoreContract {

    private static final int DB = 12;

    private RedisConnections redis;

    @Override
    protected AccessTokenStore newStore() {
        redis = new RedisConnections(TestRedis.database(DB));
        return new RedisAccessTokenStore(
                redis, new SecretBox(CoreFixture.randomBytes(32)), Clock.systemUTC(), new Ids());
    }

    @AfterEach
    void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }
}
