package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.user.UserChanged;

/**
 * {@link UserChanged} across a fleet, as {@link RedisSessionEnded} is for ended sessions: the changed
 * user's id is published on one channel that every instance subscribes to, so each forgets its copy
 * of the user at once. A publish that fails throws, and the request that changed the user answers 503
 * rather than pretend the fleet knows. An instance whose subscription was down forgets every user it
 * holds once it is back ({@link RedisChannel}).
 */
final class RedisUserChanged extends RedisChannel implements UserChanged {

    static final String CHANNEL = "wxlogin:user-changed";

    RedisUserChanged(RedisConnections redis) {
        super(redis, CHANNEL);
    }
}
