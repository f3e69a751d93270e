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
 * Baidu outside dev mode, configured only through environment variables ({@code WXLOGIN_APPS},
 * {@code WXLOGIN_BAIDU_APP_KEYS}, {@code WXLOGIN_BAIDU_BASE_URL}) and pointed at a standalone simulator,
 * as a deployment would point it at spapi.baidu.com: one app configured by its AppID with its AppKey in
 * the setting, one by its AppKey alone, and one whose secret Baidu does not know.
 */
@ExtendWith(OutputCaptureExtension.class)
class BaiduDeploymentTest {

    static final String APP_KEY_C = "4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c";
    static final String SERVICE_APPS =
            "wxa:secretA,baidu:20000201:bdSecretA,baidu:20000202:serviceBdSecretB,baidu:" + APP_KEY_C + ":bdSecretC";
    static final String PLATFORM_APPS =
            "wxa:secretA,baidu:20000201:bdSecretA,baidu:20000202:platformBdSecretB,baidu:" + APP_KEY_C + ":bdSecretC";
    static final List<String> SECRETS =
            List.of("secretA", "bdSecretA", "serviceBdSecretB", "platformBdSecretB", "bdSecretC");

    @TempDir
    static Path dataDir;

    static SimulatorServer platform;
    static TestService service;
    static Http http;
    static Sim sim;

    @BeforeAll
    static void start() {
        platform = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(PLATFORM_APPS))), "127.0.0.1", 0);
        service = TestService.configured(
                dataDir,
                Map.of(
                        "WXLOGIN_APPS",
                        SERVICE_APPS,
                        "WXLOGIN_WECHAT_BASE_URL",
                        platform.baseUrl().toString(),
                        "WXLOGIN_BAIDU_BASE_URL",
                        platform.baseUrl() + "/baidu",
                        "WXLOGIN_BAIDU_APP_KEYS",
                        "20000201:" + WeChatSimulator.baiduAppKey("20000201") + ",20000202:"
                                + WeChatSimulator.baiduAppKey("20000202")));
        http = service.http();
        sim = new Sim(new Http(platform.baseUrl()));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anAppConfiguredByItsAppIdLogsInWithItsAppKeyAtTheConfiguredBaidu() {
        BaiduSim baidu = new BaiduSim(() -> sim);
        long calls = baidu.calls();

        JsonNode session = assertSession(http.login("20000201", sim.code("20000201", "deployed-bd")));

        assertThat(session.get("user").get("platform").asString()).isEqualTo("baidu");
        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(sim.session("20000201", "deployed-bd").get("openid").asString());
        assertThat(session.get("user").get("unionid").isNull()).isTrue();
        assertThat(baidu.calls()).isEqualTo(calls + 1);
    }

    @Test
    void anAppConfiguredByItsAppKeyNeedsNoOtherSetting() {
        assertSession(http.login(APP_KEY_C, sim.code(APP_KEY_C, "deployed-bd-key")));
    }

    @Test
    void aSecretBaiduRefusesIsUpstreamUnavailableAndAnOperatorsLogLineWithoutTheSecret(CapturedOutput output) {
        Http.Reply refused = http.login("20000202", sim.code("20000202", "deployed-bd-misconfigured"));

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(output.getAll()).contains("Baidu refused the login request of app 20000202");
        for (String secret : SECRETS) {
            assertThat(refused.body()).doesNotContain(secret);
            assertThat(output.getAll()).as("log").doesNotContain(secret);
        }
    }
}
