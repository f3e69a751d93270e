package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.token.SigningKeysChanged;
import java.util.function.Consumer;

/**
 * {@link SigningKeysChanged} across a fleet: the id of the key a rotation made current is published
 * on one channel that every instance subscribes to, so each reads the keys from the database before it
 * next signs, verifies or answers the JWKS. An instance whose subscription was down reads them once it
 * is back ({@link RedisChannel}).
 */
final class RedisSigningKeysChanged implements SigningKeysChanged {

    static final String CHANNEL = "wxlogin:signing-key-rotated";

    private final RedisChannel channel;

    RedisSigningKeysChanged(RedisConnections redis) {
        this.channel = new RedisChannel(redis, CHANNEL);
    }

    @Override
    public void publish(String kid) {
        channel.publish(kid);
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        channel.subscribe(listener);
    }

    @Override
    public void onMissedNews(Runnable listener) {
        channel.onMissedNews(listener);
    }
}
