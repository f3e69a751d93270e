package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.InMemoryCodeLedger;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.SigningKeysChanged;
import io.github.wxlogin.core.user.UserChanged;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.InMemoryAccessTokenStore;
import io.github.wxlogin.server.ratelimit.ClockTime;
import io.github.wxlogin.server.ratelimit.LocalBuckets;
import io.github.wxlogin.server.ratelimit.RateLimitBuckets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Shared state: in Redis when {@code WXLOGIN_REDIS_URL} is set (several instances), in process
 * otherwise (one instance). Only this class knows which.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    /** Redis, when configured; closed with the context. */
    static final class SharedState implements AutoCloseable {
        final Optional<RedisConnections> redis;

        SharedState(Optional<RedisConnections> redis) {
            this.redis = redis;
        }

        @Override
        public void close() {
            redis.ifPresent(RedisConnections::close);
        }
    }

    /** Whether {@code WXLOGIN_REDIS_URL} is set: the one test of it. */
    static boolean configured(Environment env) {
        return !env.getProperty("wxlogin.redis-url", "").isBlank();
    }

    @Bean
    SharedState sharedState(Environment env) {
        String url = env.getProperty("wxlogin.redis-url", "");
        if (!configured(env)) {
            log.info("No WXLOGIN_REDIS_URL: shared state is kept in this process (one instance)");
            return new SharedState(Optional.empty());
        }
        log.info("Shared state in Redis");
        return new SharedState(Optional.of(new RedisConnections(url.strip())));
    }

    @Bean
    CodeLedger codeLedger(SharedState state) {
        return state.redis.<CodeLedger>map(RedisCodeLedger::new).orElseGet(InMemoryCodeLedger::new);
    }

    @Bean
    SessionEnded sessionEnded(SharedState state) {
        return state.redis.<SessionEnded>map(RedisSessionEnded::new).orElseGet(SessionEnded::inProcess);
    }

    @Bean
    UserChanged userChanged(SharedState state) {
        return state.redis.<UserChanged>map(RedisUserChanged::new).orElseGet(UserChanged::inProcess);
    }

    @Bean
    SigningKeysChanged signingKeysChanged(SharedState state) {
        return state.redis
                .<SigningKeysChanged>map(RedisSigningKeysChanged::new)
                .orElseGet(SigningKeysChanged::inProcess);
    }

    @Bean
    AccessTokenStore accessTokenStore(SharedState state, SecretBox box, Clock clock, Ids ids) {
        return state.redis
                .<AccessTokenStore>map(r -> new RedisAccessTokenStore(r, box, clock, ids))
                .orElseGet(InMemoryAccessTokenStore::new);
    }

    @Bean
    RateLimitBuckets rateLimitBuckets(SharedState state, Clock clock) {
        ClockTime time = new ClockTime(clock);
        return state.redis
                .<RateLimitBuckets>map(r -> new RedisBuckets(r, time))
                .orElseGet(() -> new LocalBuckets(time));
    }
}
