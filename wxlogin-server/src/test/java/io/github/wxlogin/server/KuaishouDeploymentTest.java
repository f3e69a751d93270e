package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Kuaishou apps outside dev mode, configured only through {@code WXLOGIN_APPS} and
 * {@code WXLOGIN_KUAISHOU_BASE_URL}, pointed at a standalone simulator as a deployment would point them
 * at {@code https://open.kuaishou.com}: the login goes to Kuaishou's path there and nowhere else, and an
 * app whose secret Kuaishou does not accept (Kuaishou's real {@code 100200101}) is a 503 and an
 * operator's log line, no secret in either.
 */
@ExtendWith(OutputCaptureExtension.class)
class KuaishouDeploymentTest {

    /** ks0000000000000202's secret differs between the service and Kuaishou: misconfigured. */
    static final String SERVICE_APPS =
            "wxa:secretA,kuaishou:ks0000000000000201:ksSecretA,kuaishou:ks0000000000000202:serviceKsSecretB";

    static final String PLATFORM_APPS =
            "wxa:secretA,kuaishou:ks0000000000000201:ksSecretA,kuaishou:ks0000000000000202:platformKsSecretB";
    static final List<String> SECRETS = List.of("secretA", "ksSecretA", "serviceKsSecretB", "platformKsSecretB");

    @TempDir
    static Path dataDir;

    static SimulatorServer platforms;
    static TestService service;
    static Http http;
    static Sim sim;

    @BeforeAll
    static void start() {
        platforms = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(PLATFORM_APPS))), "127.0.0.1", 0);
        service = TestService.configured(
                dataDir,
                Map.of(
                        "WXLOGIN_APPS",
                        SERVICE_APPS,
                        "WXLOGIN_WECHAT_BASE_URL",
                        platforms.baseUrl().toString(),
                        "WXLOGIN_KUAISHOU_BASE_URL",
                        platforms.baseUrl() + "/kuaishou"));
        http = service.http();
        sim = new Sim(new Http(platforms.baseUrl()));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (platforms != null) {
            platforms.close();
        }
    }

    @Test
    void aKuaishouLoginIsExchangedWithTheKuaishouOfTheConfiguredBaseUrl() {
        KuaishouSim kuaishou = new KuaishouSim(() -> sim);
        long calls = kuaishou.code2SessionCalls();
        long weChatCalls = sim.code2SessionCalls();

        JsonNode session =
                assertSession(http.login("ks0000000000000201", sim.code("ks0000000000000201", "deployed-ks")));

        assertThat(session.get("user").get("platform").asString()).isEqualTo("kuaishou");
        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(sim.session("ks0000000000000201", "deployed-ks")
                        .get("openid")
                        .asString());
        assertThat(session.get("user").get("unionid").isNull()).isTrue();
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(calls + 1);
        assertThat(sim.code2SessionCalls()).isEqualTo(weChatCalls);
    }

    @Test
    void aSecretKuaishouRefusesIsUpstreamUnavailableAndAnOperatorsLogLineWithoutTheSecret(CapturedOutput output) {
        Http.Reply refused =
                http.login("ks0000000000000202", sim.code("ks0000000000000202", "deployed-ks-misconfigured"));

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(output.getAll())
                .contains("Kuaishou refused the login request of app ks0000000000000202: result 100200101");
        for (String secret : SECRETS) {
            assertThat(refused.body()).doesNotContain(secret);
            assertThat(output.getAll()).as("log").doesNotContain(secret);
        }
    }
}
