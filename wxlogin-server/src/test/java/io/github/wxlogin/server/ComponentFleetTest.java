package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two instances over one server database and one Redis: WeChat pushes the ticket to one, and the other
 * logs the component's apps in with it (the ticket is in the database); both use one component token,
 * fetched once (it is in Redis). Runs in the PostgreSQL and MariaDB executions; needs Redis.
 */
class ComponentFleetTest {

    static final ComponentSim.Keys COMPONENT = new ComponentSim.Keys(
            "wxcompfleet00001",
            "fleet-component-secret",
            "fleet-push-token",
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
    static final String APP = "wxfleetauth00001";

    @TempDir
    static Path dataDir;

    static SimulatorServer wechat;
    static TestService a;
    static TestService b;
    static Sim sim;
    static ComponentSim components;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(!TestDatabase.current().embedded(), "a fleet needs a server database");
        String redis = TestRedis.database(6);
        wechat = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(APP + ":s:g"))), "127.0.0.1", 0);
        sim = new Sim(new Http(wechat.baseUrl()));
        components = new ComponentSim(sim);
        components.configure(COMPONENT, List.of(APP));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "WXLOGIN_WECHAT_BASE_URL",
                wechat.baseUrl().toString(),
                "WXLOGIN_REDIS_URL",
                redis,
                "WXLOGIN_ISSUER",
                "https://login.component-fleet.test",
                "WXLOGIN_MASTER_KEY",
                Base64.getEncoder().encodeToString(key));
        List<String> args = new ArrayList<>(COMPONENT.serviceArgs());
        args.add(ComponentSim.appArg(APP, COMPONENT.appId()));
        a = TestService.configured(dataDir, env, args.toArray(String[]::new));
        b = TestService.configured(dataDir, env, args.toArray(String[]::new));
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
    void aTicketPushedToOneInstanceServesBothAndTheirTokenIsFetchedOnce() {
        JsonNode pushed =
                components.push(COMPONENT.appId(), a.baseUrl() + "/wechat/component/" + COMPONENT.appId() + "/events");
        assertThat(pushed.get("answer").asString()).isEqualTo("success");

        JsonNode viaB = assertSession(b.http().login(APP, sim.code(APP, "fleet-user")));
        JsonNode viaA = assertSession(a.http().login(APP, sim.code(APP, "fleet-user")));
        assertSession(b.http().login(APP, sim.code(APP, "fleet-user")));

        assertThat(viaA.get("user").get("id")).isEqualTo(viaB.get("user").get("id"));
        assertThat(components.tokenCalls())
                .as("one component token for the fleet")
                .isEqualTo(1);
        assertThat(components.loginCalls()).isEqualTo(3);
    }
}
