package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.lettuce.core.RedisException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis failures as the core's: Redis (the fleet's shared state) gone, or too slow to answer, is a
 * {@link WxLoginException} of {@code upstream_unavailable}, answered 503: the service refuses rather
 * than break a guarantee silently. No Lettuce type leaves this package.
 */
final class RedisFailures {

    /** The detail of a 503 when Redis, the fleet's shared state, cannot be reached. */
    static final String SHARED_STATE_GONE = "the service's shared state is unavailable; try again shortly";

    private static final Logger log = LoggerFactory.getLogger(RedisFailures.class);

    private RedisFailures() {}

    /** Runs Redis commands; Lettuce's failures (connection, command timeout, …) become the core's. */
    static <T> T call(Supplier<T> commands) {
        try {
            return commands.get();
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    static void run(Runnable commands) {
        call(() -> {
            commands.run();
            return null;
        });
    }

    /** The shared state did not answer; logged by the failure's type only (a message may name the host). */
    static WxLoginException unavailable(RuntimeException e) {
        log.warn("Redis unavailable ({})", e.getClass().getSimpleName());
        return new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, SHARED_STATE_GONE, null, e);
    }
}
