package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.session.SessionEnded;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link SessionEnded} across a fleet: the ended session's id is published on one channel that every
 * instance subscribes to, so each forgets the session at once. A publish that fails throws, and the
 * request that ended the session answers 503 rather than pretending the fleet knows.
 */
final class RedisSessionEnded implements SessionEnded {

    static final String CHANNEL = "wxlogin:session-ended";

    private final RedisConnections redis;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    RedisSessionEnded(RedisConnections redis) {
        this.redis = redis;
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String sessionId) {
                // The subscription connection is shared with the other channels.
                if (CHANNEL.equals(channel)) {
                    listeners.forEach(l -> l.accept(sessionId));
                }
            }
        });
        RedisFailures.run(() -> redis.pubSub().sync().subscribe(CHANNEL));
    }

    @Override
    public void publish(String sessionId) {
        // Our own listener hears it through Redis too; forgetting twice is harmless.
        RedisFailures.run(() -> redis.sync().publish(CHANNEL, sessionId));
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }
}
