package io.github.wxlogin.server.redis;

import io.github.wxlogin.server.config.ConfigurationMistake;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
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

    /**
     * Connects; a URL that does not parse or a Redis that does not answer is a
     * {@link ConfigurationMistake} naming {@code WXLOGIN_REDIS_URL}.
     */
    public RedisConnections(String url) {
        RedisURI uri = parse(url);
        uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.commands = client.connect();
            this.pubSub = client.connectPubSub();
            this.bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RedisException e) {
            client.shutdown();
            throw new ConfigurationMistake("Redis at " + uri.getHost() + ":" + uri.getPort()
                    + " (WXLOGIN_REDIS_URL) does not answer (" + rootMessage(e)
                    + "): start it, or correct WXLOGIN_REDIS_URL (redis://[:password@]host:port[/db]).");
        }
    }

    /**
     * Checks a Redis URL without connecting: the start calls it before anything is written.
     *
     * @throws ConfigurationMistake when it does not parse (the URL, which may hold a password, is not quoted)
     */
    public static void checkUrl(String url) {
        parse(url);
    }

    private static RedisURI parse(String url) {
        try {
            RedisURI uri = RedisURI.create(url.strip());
            if (uri.getHost() == null
                    && uri.getSocket() == null
                    && uri.getSentinels().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new ConfigurationMistake("WXLOGIN_REDIS_URL is not a Redis URL: write it as"
                    + " redis://[:password@]host:port[/db] (rediss:// for TLS), or leave it unset for one instance.");
        }
    }

    /** The innermost message: Lettuce's own names only the host and port, never the password. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
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
