package io.github.wxlogin.server;

import io.github.wxlogin.server.redis.RedisConnections;
import java.io.IOException;
import java.net.Socket;
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
}
