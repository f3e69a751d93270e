package io.github.wxlogin.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The fleet's shared state: one Lettuce client, one command connection (thread-safe, auto-reconnecting)
 * and one subscription connection. Commands time out after 2 s, so a Redis that went away makes a
 * request fail fast (503) instead of hanging; Lettuce reconnects by itself when Redis returns.
 */
public final class RedisConnections implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final StatefulRedisConnection<String, byte[]> bytes;

    public RedisConnections(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.commands = client.connect();
        this.pubSub = client.connectPubSub();
        this.bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    /**
     * Whether Redis answers on every command connection: each reconnects on its own after an outage,
     * and the service is ready only when all of them are back.
     */
    public boolean answers() {
        return "PONG".equals(commands.sync().ping())
                && "PONG".equals(bytes.sync().ping());
    }

    /** String keys, byte values: what Bucket4j stores its buckets as. */
    StatefulRedisConnection<String, byte[]> bytes() {
        return bytes;
    }

    public RedisCommands<String, String> sync() {
        return commands.sync();
    }

    StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    @Override
    public void close() {
        bytes.close();
        pubSub.close();
        commands.close();
        client.shutdown();
    }
}
