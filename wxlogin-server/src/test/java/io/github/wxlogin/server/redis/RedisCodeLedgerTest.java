package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.CodeLedgerContract;
import io.github.wxlogin.server.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** {@link CodeLedgerContract} on {@link RedisCodeLedger}, on an emptied database of the machine's Redis. */
class RedisCodeLedgerTest extends CodeLedgerContract {

    private static final int DB = 11;

    private RedisConnections redis;

    @Override
    protected CodeLedger newLedger() {
        redis = new RedisConnections(TestRedis.database(DB));
        return new RedisCodeLedger(redis);
    }

    /** Redis keeps its own time: the ledger's keys are made to expire {@code d} sooner instead. */
    @Override
    protected void elapse(Duration d) {
        for (String key : redis.sync().keys("wxlogin:code:*")) {
            long left = redis.sync().pttl(key);
            if (left < 0) {
                continue; // gone meanwhile (-2), or kept forever (-1): the test will see it
            }
            if (left <= d.toMillis()) {
                redis.sync().del(key);
            } else {
                redis.sync().pexpire(key, left - d.toMillis());
            }
        }
    }

    @AfterEach
    void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }
}
