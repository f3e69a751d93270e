package io.github.wxlogin.server.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel of news for the fleet, on the shared subscription connection: a message published
 * reaches every instance subscribed at that moment, this one included. A publish that fails throws
 * (503 {@code upstream_unavailable}).
 *
 * <p>Pub/sub does not replay. When the subscription connection was lost (Redis restarted, a network
 * cut, a {@code CLIENT KILL}), Lettuce reconnects and subscribes again by itself, and what was published
 * meanwhile never arrives. So once Redis confirms a subscription again, the missed-news listeners run:
 * the instance forgets what that news would have corrected, and reads it from the database. They run
 * on the connection's thread, as the message listeners do, and must return at once.
 *
 * <p>The fleet's news ({@link RedisSessionEnded}, {@link RedisUserChanged}, {@link RedisSigningKeysChanged})
 * are channels of this kind, each with its name and the core's interface it serves.
 */
class RedisChannel {

    private static final Logger log = LoggerFactory.getLogger(RedisChannel.class);

    private final RedisConnections redis;
    private final String name;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missedNews = new CopyOnWriteArrayList<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();

    RedisChannel(RedisConnections redis, String name) {
        this.redis = redis;
        this.name = name;
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                // The subscription connection is shared with the other channels.
                if (name.equals(channel)) {
                    listeners.forEach(l -> l.accept(message));
                }
            }

            @Override
            public void subscribed(String channel, long count) {
                // The first confirmation is of the subscription below; any later one follows a reconnect.
                if (name.equals(channel) && !subscribed.compareAndSet(false, true)) {
                    log.info(
                            "Subscribed to {} again: its news meanwhile is lost, what it would have changed is read again",
                            name);
                    missedNews.forEach(Runnable::run);
                }
            }
        });
        RedisFailures.run(() -> redis.pubSub().sync().subscribe(name));
    }

    public void publish(String message) {
        RedisFailures.run(() -> redis.sync().publish(name, message));
    }

    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void onMissedNews(Runnable listener) {
        missedNews.add(listener);
    }
}
