package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis goes away and comes back: the service says so in health, answers 503
 * {@code upstream_unavailable} with Retry-After instead of breaking a guarantee silently, and recovers
 * without a restart. Uses a private redis-server of its own on a free port, so the machine's Redis is
 * untouched; needs the {@code redis-server} binary (required when CI=true).
 */
class RedisOutageTest {

    @TempDir
    static Path dataDir;

    static int redisPort;
    static Process redis;
    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.onlyInTheEmbeddedSuite("the database does not matter here: once is enough");
        redisPort = TestPorts.free();
        startRedis();
        service = TestService.start(
                dataDir, TestPorts.free(), Map.of("WXLOGIN_REDIS_URL", "redis://127.0.0.1:" + redisPort), true);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    void withoutRedisTheServiceRefusesWith503AndRecoversWhenItReturns() throws Exception {
        Sim sim = service.sim();
        assertThat(service.http().login(APP_1, sim.code(APP_1, "outage-before")).status())
                .isEqualTo(200);

        redis.destroyForcibly().waitFor();
        awaitTrue(() -> service.http().get("/actuator/health").status() == 503);

        Http.Reply refused = service.http().login(APP_1, sim.code(APP_1, "outage-during"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("code").asString()).isEqualTo("upstream_unavailable");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(service.http().get("/actuator/health/readiness").status()).isEqualTo(503);

        startRedis();
        awaitTrue(() -> service.http().get("/actuator/health").status() == 200);
        assertThat(service.http().login(APP_1, sim.code(APP_1, "outage-after")).status())
                .isEqualTo(200);
    }

    private static void startRedis() throws IOException, InterruptedException {
        try {
            redis = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(redisPort),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("no redis-server binary: " + e.getMessage());
        }
        awaitTrue(() -> {
            try (Socket s = new Socket("127.0.0.1", redisPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Polls until true, for at most 20 s: waiting for an outcome, not for a fixed time. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("condition not reached within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
