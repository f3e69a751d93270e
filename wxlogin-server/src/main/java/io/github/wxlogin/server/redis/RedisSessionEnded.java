package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.session.SessionEnded;
import java.util.function.Consumer;

/**
 * {@link SessionEnded} across a fleet: the ended session's id is published on one channel that every
 * instance subscribes to, so each forgets the session at once. A publish that fails throws, and the
 * request that ended the session answers 503 rather than pretending the fleet knows. An instance whose
 * subscription was down forgets every session it holds once it is back ({@link RedisChannel}).
 */
final class RedisSessionEnded implements SessionEnded {

    static final String CHANNEL = "wxlogin:session-ended";

    private final RedisChannel channel;

    RedisSessionEnded(RedisConnections redis) {
        this.channel = new RedisChannel(redis, CHANNEL);
    }

    @Override
    public void publish(String sessionId) {
        // Our own listener hears it through Redis too; forgetting twice is harmless.
        channel.publish(sessionId);
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
