package io.github.wxlogin.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

/** Lettuce's failures leave the Redis adapters as the core's upstream_unavailable, nothing else changed. */
class RedisFailuresTest {

    @Test
    void aCommandTimeoutIsUpstreamUnavailableWithTheSharedStateDetail() {
        assertThatThrownBy(() -> RedisFailures.call(() -> {
                    throw new RedisCommandTimeoutException("Command timed out after 2 second(s)");
                }))
                .isInstanceOfSatisfying(WxLoginException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
                    assertThat(e.detail()).isEqualTo("the service's shared state is unavailable; try again shortly");
                    assertThat(e.getCause()).isInstanceOf(RedisCommandTimeoutException.class);
                });
    }

    @Test
    void aLostConnectionIsUpstreamUnavailableToo() {
        assertThatThrownBy(() -> RedisFailures.run(() -> {
                    throw new RedisConnectionException("Unable to connect to 127.0.0.1:6379");
                }))
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void whatRedisAnswersAndOtherFailuresPassThrough() {
        assertThat(RedisFailures.call(() -> "OK")).isEqualTo("OK");
        IllegalStateException other = new IllegalStateException("not Redis");
        assertThatThrownBy(() -> RedisFailures.call(() -> {
                    throw other;
                }))
                .isSameAs(other);
    }
}
