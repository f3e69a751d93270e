package io.github.wxlogin.server.redis;

import io.github.wxlogin.core.token.SigningKeysChanged;

/**
 * {@link SigningKeysChanged} across a fleet: the id of the key a rotation made current is published
 * on one channel that every instance subscribes to, so each reads the keys from the database before it
 * next signs, verifies or answers the JWKS. An instance whose subscription was down reads them once it
 * is back ({@link RedisChannel}).
 */
final class RedisSigningKeysChanged extends RedisChannel implements SigningKeysChanged {

    static final String CHANNEL = "wxlogin:signing-key-rotated";

    RedisSigningKeysChanged(RedisConnections redis) {
        super(redis, CHANNEL);
    }
}
