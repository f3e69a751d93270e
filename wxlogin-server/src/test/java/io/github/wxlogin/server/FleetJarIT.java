package io.github.wxlogin.server;

import static io.github.wxlogin.server.JarProcesses.healthy;
import static io.github.wxlogin.server.JarProcesses.launch;
import static io.github.wxlogin.server.JarProcesses.serverCommand;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet as it is deployed: two processes of the real jar ({@code target/wxlogin-server.jar}) over
 * PostgreSQL and a Redis of the test's own, with the standalone simulator jar as WeChat. Every
 * guarantee of the contract holds across them, and they survive Redis going away and coming back.
 * Runs after packaging (failsafe); needs PostgreSQL at 127.0.0.1 and the redis-server binary
 * (skipped without them, required when CI=true).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetJarIT {

    static final String APPS = "wx0000000000000001:fleet-secret-1:demo,wx0000000000000002:fleet-secret-2:demo";

    @TempDir
    static Path dir;

    static final List<Process> processes = new ArrayList<>();
    static Process redis;
    static int redisPort;
    static Http a;
    static Http b;
    static Sim sim;

    @BeforeAll
    static void start() throws Exception {
        List<String> db = TestDatabase.POSTGRESQL.serviceArgs(dir.resolve("db"));
        redisPort = TestPorts.free();
        startRedis();
        int simPort = TestPorts.free();
        processes.add(
                launch(dir.resolve("sim.log"), Map.of("WXSIM_APPS", APPS), JarProcesses.simulatorCommand(simPort)));
        sim = new Sim(new Http(URI.create("http://127.0.0.1:" + simPort)));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "WXLOGIN_APPS",
                APPS,
                "WXLOGIN_WECHAT_BASE_URL",
                "http://127.0.0.1:" + simPort,
                "WXLOGIN_REDIS_URL",
                "redis://127.0.0.1:" + redisPort,
                "WXLOGIN_ISSUER",
                "https://login.fleet.test",
                "WXLOGIN_MASTER_KEY",
                Base64.getEncoder().encodeToString(key));
        a = service("a", env, db);
        b = service("b", env, db);
        awaitTrue(() -> healthy(a) && healthy(b), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        processes.forEach(Process::destroy);
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void oneCodeSentToBothInstancesAtOnceReachesWeChatOnce() throws Exception {
        sim.reset();
        String code = sim.code(APP_1, "jar-burst");

        List<Http.Reply> replies = Concurrently.run(10, i -> (i % 2 == 0 ? a : b).login(APP_1, code));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies)
                .filteredOn(r -> r.status() == 401 && r.body().contains("code_used"))
                .hasSize(9);
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aSessionEndedOnOneInstanceIsRefusedByTheOtherAtOnce() {
        Tokens tokens = Tokens.of(a.login(APP_1, sim.code(APP_1, "jar-logout")));
        assertThat(b.me("Bearer " + tokens.access()).status()).isEqualTo(200);

        assertThat(a.logout(tokens.access()).status()).isEqualTo(204);

        assertThat(b.me("Bearer " + tokens.access()).status()).isEqualTo(401);
        assertThat(b.refresh(tokens.refresh()).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void bothInstancesSignWithTheSameKeys() {
        assertThat(a.get("/.well-known/jwks.json").body())
                .isEqualTo(b.get("/.well-known/jwks.json").body());
        Tokens tokens = Tokens.of(b.login(APP_1, sim.code(APP_1, "jar-keys")));
        assertThat(a.me("Bearer " + tokens.access()).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theWeChatAccessTokenIsFetchedOnceForTheFleet() throws Exception {
        sim.reset();
        List<Tokens> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(Tokens.of((i % 2 == 0 ? a : b).login(APP_1, sim.code(APP_1, "jar-phone-" + i))));
        }
        List<Http.Reply> replies = Concurrently.run(users.size(), i -> {
            String code = sim.http()
                    .postJson("/sim/phone-code", Map.of("appId", APP_1, "user", "jar-phone-" + i))
                    .json()
                    .get("code")
                    .asString();
            return (i % 2 == 0 ? a : b)
                    .withBearer("POST", "/v1/me/phone", users.get(i).access(), "{\"code\":\"" + code + "\"}");
        });

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(sim.calls("/cgi-bin/stable_token")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void withRedisGoneBothAnswer503AndBothRecoverWhenItReturns() throws Exception {
        redis.destroyForcibly().waitFor();
        awaitTrue(
                () -> a.get("/actuator/health/readiness").status() == 503
                        && b.get("/actuator/health/readiness").status() == 503,
                Duration.ofSeconds(20));

        for (Http service : List.of(a, b)) {
            Http.Reply refused = service.login(APP_1, sim.code(APP_1, "jar-outage"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("code").asString()).isEqualTo("upstream_unavailable");
            assertThat(refused.header("Retry-After")).isPresent();
        }

        startRedis();
        awaitTrue(() -> healthy(a) && healthy(b), Duration.ofSeconds(30));
        String code = sim.code(APP_1, "jar-after-outage");
        assertThat(a.login(APP_1, code).status()).isEqualTo(200);
        assertThat(b.login(APP_1, code).status())
                .as("the code is claimed fleet-wide again")
                .isEqualTo(401);
    }

    private static Http service(String name, Map<String, String> env, List<String> db) throws IOException {
        int port = TestPorts.free();
        List<String> command = serverCommand(port, dir.resolve(name));
        command.addAll(db);
        processes.add(launch(dir.resolve(name + ".log"), env, command));
        return new Http(URI.create("http://127.0.0.1:" + port));
    }

    private static void startRedis() throws Exception {
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
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            org.junit.jupiter.api.Assumptions.abort("no redis-server binary: " + e.getMessage());
        }
        awaitTrue(
                () -> {
                    try (Socket s = new Socket("127.0.0.1", redisPort)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(10));
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        JarProcesses.awaitTrue(condition, limit, dir);
    }
}
