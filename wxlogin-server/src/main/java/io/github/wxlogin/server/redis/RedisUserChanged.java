package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.user.UserChanged;
import java.util.function.Consumer;

/**
 * {@link UserChanged} across a fleet, as {@link RedisSessionEnded} is for ended sessions: the changed
 * user's id is published on one channel that every instance subscribes to, so each forgets its copy
 * of the user at once. A publish that fails throws, and the request that changed the user answers 503
 * rather than pretend the fleet knows. An instance whose subscription was down forgets every user it
 * holds once it is back ({@link RedisChannel}).
 */
final class RedisUserChanged implements UserChanged {

    static final String CHANNEL = "wxlogin:user-changed";

    private final RedisChannel channel;

    RedisUserChanged(RedisConnections redis) {
        this.channel = new RedisChannel(redis, CHANNEL);
    }

    @Override
    public void publish(String userId) {
        // Our own listener hears it through Redis too; forgetting twice is harmless.
        channel.publish(userId);
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
