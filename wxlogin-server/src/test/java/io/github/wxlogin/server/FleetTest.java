package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.simulator.DemoApps;
import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service over one server database and one Redis, with the standalone simulator
 * as WeChat: the guarantees of the contract hold across them. Runs in the PostgreSQL and MariaDB
 * executions (an H2 file cannot be shared by two instances); needs Redis at 127.0.0.1:6379, required
 * when CI=true.
 */
class FleetTest {

    @TempDir
    static Path dataDir;

    static SimulatorServer wechat;
    static TestService a;
    static TestService b;
    static Sim sim;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(!TestDatabase.current().embedded(), "a fleet needs a server database");
        String redis = TestRedis.database(3);
        SimApps apps = DemoApps.random();
        wechat = SimulatorServer.start(new WeChatSimulator(SimulatorSettings.defaults(apps)), "127.0.0.1", 0);
        sim = new Sim(new Http(wechat.baseUrl()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "WXLOGIN_APPS",
                        apps.all().stream()
                                .map(x -> x.appId() + ":" + x.secret()
                                        + x.group().map(g -> ":" + g).orElse(""))
                                .reduce((x, y) -> x + "," + y)
                                .orElseThrow(),
                "WXLOGIN_WECHAT_BASE_URL", wechat.baseUrl().toString(),
                "WXLOGIN_REDIS_URL", redis,
                // Every instance of a deployment shares one issuer (the default names each own port).
                "WXLOGIN_ISSUER", "https://login.fleet.test",
                "WXLOGIN_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        // Same data directory: the same server database (TestDatabase names it after the directory).
        a = TestService.configured(dataDir, env);
        b = TestService.configured(dataDir, env);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, wechat}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }

    @Test
    void oneCodeSentToBothInstancesAtOnceReachesWeChatOnce() throws Exception {
        sim.reset();
        String code = sim.code(APP_1, "fleet-burst");

        List<Http.Reply> replies =
                Concurrently.run(8, i -> (i % 2 == 0 ? a : b).http().login(APP_1, code));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies)
                .filteredOn(r -> r.status() == 401 && r.body().contains("code_used"))
                .hasSize(7);
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void aTokenFromOneInstanceWorksOnTheOtherAndLogoutEndsItOnBothAtOnce() {
        Tokens tokens = Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-logout")));
        assertThat(b.http().me("Bearer " + tokens.access()).status()).isEqualTo(200);
        assertThat(a.http().me("Bearer " + tokens.access()).status()).isEqualTo(200);

        assertThat(a.http().logout(tokens.access()).status()).isEqualTo(204);

        assertThat(b.http().me("Bearer " + tokens.access()).status()).isEqualTo(401);
        assertThat(a.http().me("Bearer " + tokens.access()).status()).isEqualTo(401);
        assertThat(b.http().refresh(tokens.refresh()).status()).isEqualTo(401);
    }

    @Test
    void theWeChatAccessTokenIsFetchedOnceForTheFleet() throws Exception {
        sim.reset();
        List<Tokens> users = List.of(
                Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-phone-1"))),
                Tokens.of(b.http().login(APP_1, sim.code(APP_1, "fleet-phone-2"))),
                Tokens.of(a.http().login(APP_1, sim.code(APP_1, "fleet-phone-3"))),
                Tokens.of(b.http().login(APP_1, sim.code(APP_1, "fleet-phone-4"))));
        List<Http.Reply> replies = Concurrently.run(users.size(), i -> {
            String code = sim.http()
                    .postJson("/sim/phone-code", Map.of("appId", APP_1, "user", "fleet-phone-" + (i + 1)))
                    .json()
                    .get("code")
                    .asString();
            return (i % 2 == 0 ? a : b)
                    .http()
                    .withBearer("POST", "/v1/me/phone", users.get(i).access(), "{\"code\":\"" + code + "\"}");
        });

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(sim.calls("/cgi-bin/stable_token")).isEqualTo(1);
    }

    @Test
    void healthIncludesRedis() {
        Http.Reply health = a.http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("components").get("redis").get("status").asString())
                .isEqualTo("UP");
    }
}
