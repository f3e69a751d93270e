package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.user.UserChanged;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link UserChanged} across a fleet, as {@link RedisSessionEnded} is for ended sessions: the changed
 * user's id is published on one channel that every instance subscribes to, so each forgets its copy
 * of the user at once. A publish that fails throws, and the request that changed the user answers 503
 * rather than pretend the fleet knows. Pub/sub delivers only to who is subscribed at the time: an
 * instance whose subscription was down keeps its copy until the cache's time limit drops it.
 */
final class RedisUserChanged implements UserChanged {

    static final String CHANNEL = "wxlogin:user-changed";

    private final RedisConnections redis;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    RedisUserChanged(RedisConnections redis) {
        this.redis = redis;
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String userId) {
                // The subscription connection is shared with the other channels.
                if (CHANNEL.equals(channel)) {
                    listeners.forEach(l -> l.accept(userId));
                }
            }
        });
        RedisFailures.run(() -> redis.pubSub().sync().subscribe(CHANNEL));
    }

    @Override
    public void publish(String userId) {
        // Our own listener hears it through Redis too; forgetting twice is harmless.
        RedisFailures.run(() -> redis.sync().publish(CHANNEL, userId));
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }
}
