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
 * QQ apps outside dev mode, configured only as docs/platforms/qq.md says: {@code qq:} entries in
 * {@code WXLOGIN_APPS} and {@code WXLOGIN_QQ_BASE_URL}, here a standalone simulator's {@code /qq}, as a
 * deployment leaves it unset for {@code https://api.q.qq.com}.
 */
@ExtendWith(OutputCaptureExtension.class)
class QqConfiguredDeploymentTest {

    /** 1110000203's secret differs between the service and "QQ": a misconfigured deployment. */
    static final String SERVICE_APPS =
            "qq:1110000201:qqSecretA:g,qq:1110000202:qqSecretB:g,qq:1110000203:serviceQqSecretC,wxa:wxSecretA";

    static final String PLATFORM_APPS =
            "qq:1110000201:qqSecretA:g,qq:1110000202:qqSecretB:g,qq:1110000203:platformQqSecretC,wxa:wxSecretA";

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
                        "WXLOGIN_QQ_BASE_URL",
                        platforms.baseUrl() + "/qq"));
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
    void aQqLoginIsExchangedWithTheQqOfTheConfiguredBaseUrl() {
        long qqCalls = new QqSim(sim).code2SessionCalls();
        long weChatCalls = sim.code2SessionCalls();

        JsonNode session = assertSession(http.login("1110000201", sim.code("1110000201", "deployed-qq")));

        assertThat(session.get("user").get("platform").asString()).isEqualTo("qq");
        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(
                        sim.session("1110000201", "deployed-qq").get("openid").asString());
        assertThat(new QqSim(sim).code2SessionCalls()).isEqualTo(qqCalls + 1);
        assertThat(sim.code2SessionCalls()).isEqualTo(weChatCalls);
    }

    @Test
    void qqAppsOfOneConfiguredGroupShareTheirUsers() {
        JsonNode a = assertSession(http.login("1110000201", sim.code("1110000201", "deployed-qq-union")))
                .get("user");
        JsonNode b = assertSession(http.login("1110000202", sim.code("1110000202", "deployed-qq-union")))
                .get("user");

        assertThat(b.get("id")).isEqualTo(a.get("id"));
        assertThat(b.get("unionid").asString()).isEqualTo(a.get("unionid").asString());
    }

    @Test
    void aWeChatAppBesideTheQqAppsStillLogsInWithWeChat() {
        JsonNode session = assertSession(http.login("wxa", sim.code("wxa", "deployed-wechat")));

        assertThat(session.get("user").get("platform").asString()).isEqualTo("wechat");
    }

    @Test
    void aQqAppWhoseSecretQqRefusesIsUpstreamUnavailableAndAnOperatorsLogLineWithoutTheSecret(CapturedOutput output) {
        Http.Reply failed = http.login("1110000203", sim.code("1110000203", "deployed-qq-misconfigured"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(output.getAll())
                .contains("QQ refused the login request of app 1110000203")
                .doesNotContain("serviceQqSecretC")
                .doesNotContain("platformQqSecretC");
    }
}
