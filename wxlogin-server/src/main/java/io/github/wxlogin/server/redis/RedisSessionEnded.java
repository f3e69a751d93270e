package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.session.SessionEnded;

/**
 * {@link SessionEnded} across a fleet: the ended session's id is published on one channel that every
 * instance subscribes to, so each forgets the session at once. A publish that fails throws, and the
 * request that ended the session answers 503 rather than pretending the fleet knows. An instance whose
 * subscription was down forgets every session it holds once it is back ({@link RedisChannel}). This
 * instance hears its own news through Redis too; forgetting a session twice is harmless.
 */
final class RedisSessionEnded extends RedisChannel implements SessionEnded {

    static final String CHANNEL = "wxlogin:session-ended";

    RedisSessionEnded(RedisConnections redis) {
        super(redis, CHANNEL);
    }
}
