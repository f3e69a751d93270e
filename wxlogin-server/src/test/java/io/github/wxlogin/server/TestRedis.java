package io.github.wxlogin.server;

import io.github.wxlogin.server.redis.RedisConnections;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Redis at 127.0.0.1:6379, for tests of the fleet's shared state: each test class owns
 * one numbered database and starts it empty. Skipped when Redis is not there, required when CI=true.
 */
public final class TestRedis {

    private TestRedis() {}

    /** The URL of database {@code db}, emptied; aborts the test (or fails it under CI) without Redis. */
    public static String database(int db) {
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            // reachable
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires Redis at 127.0.0.1:6379", e);
            }
            Assumptions.abort("Redis at 127.0.0.1:6379 is not reachable");
        }
        String url = "redis://127.0.0.1:6379/" + db;
        try (RedisConnections redis = new RedisConnections(url)) {
            redis.sync().flushdb();
        }
        return url;
    }

    /**
     * The ids of the subscription (pub/sub) connections whose {@code CLIENT LIST} field {@code field}
     * (such as {@code name} or {@code user}) is {@code value}, with at least {@code channels} channels.
     */
    public static List<Long> subscribers(String field, String value, int channels) {
        return onServer(redis -> Arrays.stream(redis.sync().clientList().split("\n"))
                .map(TestRedis::fields)
                .filter(c -> value.equals(c.get(field)))
                .filter(c -> Integer.parseInt(c.getOrDefault("sub", "0")) >= channels)
                .map(c -> Long.parseLong(c.get("id")))
                .toList());
    }

    /**
     * Cuts the subscription connections whose {@code field} is {@code value} with {@code CLIENT KILL},
     * as a network cut would: the client's other connections, and every other client, are untouched.
     * How many were cut.
     */
    public static int killSubscribers(String field, String value) {
        List<Long> ids = subscribers(field, value, 1);
        onServer(redis -> {
            ids.forEach(id -> redis.sync().clientKill(KillArgs.Builder.id(id)));
            return null;
        });
        return ids.size();
    }

    /** Runs Redis commands on a connection of its own, to the server rather than to a test's database. */
    public static <T> T onServer(Function<StatefulRedisConnection<String, String>, T> commands) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            return commands.apply(redis);
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, String> fields(String line) {
        return Arrays.stream(line.strip().split(" "))
                .filter(f -> f.contains("="))
                .collect(Collectors.toMap(
                        f -> f.substring(0, f.indexOf('=')), f -> f.substring(f.indexOf('=') + 1), (x, y) -> x));
    }
}
