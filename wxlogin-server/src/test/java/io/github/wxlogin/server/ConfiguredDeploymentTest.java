package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.net.URI;
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
 * The service outside dev mode, configured only through the environment variables of API.md
 * ({@code WXLOGIN_APPS}, {@code WXLOGIN_WECHAT_BASE_URL}, {@code WXLOGIN_QQ_BASE_URL}) and pointed at a
 * standalone simulator on an ephemeral port, as a deployment would point it at WeChat and QQ.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredDeploymentTest {

    /** wxd's and QQ app 1110000203's secrets differ between the service and the platform: misconfigured. */
    static final String SERVICE_APPS = "wxa:secretA:g1,wxb:secretB:g1,wxc:secretC,wxd:serviceSecretD"
            + ",qq:1110000201:qqSecretA:g1,qq:1110000202:qqSecretB:g1,qq:1110000203:serviceQqSecretC";

    static final String WECHAT_APPS = "wxa:secretA:g1,wxb:secretB:g1,wxc:secretC,wxd:wechatSecretD"
            + ",qq:1110000201:qqSecretA:g1,qq:1110000202:qqSecretB:g1,qq:1110000203:platformQqSecretC";
    static final List<String> SECRETS = List.of(
            "secretA",
            "secretB",
            "secretC",
            "serviceSecretD",
            "wechatSecretD",
            "qqSecretA",
            "qqSecretB",
            "serviceQqSecretC",
            "platformQqSecretC");

    @TempDir
    static Path dataDir;

    static SimulatorServer wechat;
    static TestService service;
    static Http http;
    static Sim sim;

    @BeforeAll
    static void start() {
        wechat = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(WECHAT_APPS))), "127.0.0.1", 0);
        service = TestService.configured(
                dataDir,
                Map.of(
                        "WXLOGIN_APPS",
                        SERVICE_APPS,
                        "WXLOGIN_WECHAT_BASE_URL",
                        wechat.baseUrl().toString(),
                        "WXLOGIN_QQ_BASE_URL",
                        wechat.baseUrl() + "/qq"));
        http = service.http();
        sim = new Sim(new Http(wechat.baseUrl()));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (wechat != null) {
            wechat.close();
        }
    }

    @Test
    void loginIsExchangedWithTheWeChatOfTheConfiguredBaseUrl() {
        long calls = sim.code2SessionCalls();

        JsonNode session = assertSession(http.login("wxa", sim.code("wxa", "deployed-user")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(sim.session("wxa", "deployed-user").get("openid").asString());
        assertThat(sim.code2SessionCalls()).isEqualTo(calls + 1);
    }

    @Test
    void appsOfOneConfiguredGroupShareUsersAndAnAppOfNoGroupDoesNot() {
        JsonNode a = assertSession(http.login("wxa", sim.code("wxa", "deployed-union")))
                .get("user");
        JsonNode b = assertSession(http.login("wxb", sim.code("wxb", "deployed-union")))
                .get("user");
        JsonNode c = assertSession(http.login("wxc", sim.code("wxc", "deployed-union")))
                .get("user");

        assertThat(b.get("id")).isEqualTo(a.get("id"));
        assertThat(b.get("unionid").asString())
                .isEqualTo(a.get("unionid").asString())
                .isEqualTo(sim.session("wxb", "deployed-union").get("unionid").asString());
        assertThat(b.get("openid")).isNotEqualTo(a.get("openid"));
        assertThat(c.get("id")).isNotEqualTo(a.get("id"));
        assertThat(c.get("unionid").isNull()).isTrue();
    }

    @Test
    void appIdLeftOutWhenSeveralAppsAreConfiguredIsInvalidRequest() {
        assertProblem(http.login(null, sim.code("wxa", "deployed-no-app")), 400, "invalid_request");
    }

    @Test
    void discoveryNamesTheDefaultIssuerOfTheServicesPort() {
        JsonNode config = http.get("/.well-known/openid-configuration").json();

        assertThat(config.get("issuer").asString()).isEqualTo(service.baseUrl());
        assertThat(config.get("jwks_uri").asString()).isEqualTo(service.baseUrl() + "/.well-known/jwks.json");
    }

    @Test
    void simulatorIsNotServedOutsideDevMode() {
        assertProblem(http.postJson("/wechat-sim/sim/login", Map.of("appId", "wxa", "user", "x")), 404, "not_found");
        assertProblem(http.get("/wechat-sim/sim/stats"), 404, "not_found");
        assertProblem(http.get("/wechat-sim/sns/jscode2session?appid=wxa&secret=secretA&js_code=x"), 404, "not_found");
    }

    @Test
    void secretWeChatRefusesIsUpstreamUnavailableWithRetryAfterAndNeverLeaks(CapturedOutput output) {
        long calls = sim.code2SessionCalls();
        Map<String, Long> rows = service.rowCounts();

        Http.Reply refused = http.login("wxd", sim.code("wxd", "deployed-wrong-secret"));

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(sim.code2SessionCalls())
                .as("a refused secret is not retried")
                .isEqualTo(calls + 1);
        assertThat(service.rowCounts()).isEqualTo(rows);
        // The operator is told which app is misconfigured (this also shows the capture sees the service's log)...
        assertThat(output.getAll()).contains("wxd");
        // ...and no one is told its secret.
        for (String secret : SECRETS) {
            assertThat(refused.body()).doesNotContain(secret);
            assertThat(refused.headerText()).doesNotContain(secret);
            assertThat(output.getAll()).as("log").doesNotContain(secret);
        }
    }

    @Test
    void aQqLoginIsExchangedWithTheQqOfTheConfiguredBaseUrl() {
        QqSim qq = new QqSim(() -> sim);
        long qqCalls = qq.code2SessionCalls();
        long weChatCalls = sim.code2SessionCalls();

        JsonNode session = assertSession(http.login("1110000201", sim.code("1110000201", "deployed-qq")));

        assertThat(session.get("user").get("platform").asString()).isEqualTo("qq");
        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(
                        sim.session("1110000201", "deployed-qq").get("openid").asString());
        assertThat(qq.code2SessionCalls()).isEqualTo(qqCalls + 1);
        assertThat(sim.code2SessionCalls()).isEqualTo(weChatCalls);
    }

    @Test
    void qqAppsOfOneConfiguredGroupShareUsersButNotWithWeChatAppsOfAGroupOfTheSameName() {
        JsonNode a = assertSession(http.login("1110000201", sim.code("1110000201", "deployed-qq-union")))
                .get("user");
        JsonNode b = assertSession(http.login("1110000202", sim.code("1110000202", "deployed-qq-union")))
                .get("user");
        JsonNode wechat = assertSession(http.login("wxa", sim.code("wxa", "deployed-qq-union")))
                .get("user");

        assertThat(b.get("id")).isEqualTo(a.get("id"));
        assertThat(b.get("unionid").asString()).isEqualTo(a.get("unionid").asString());
        assertThat(wechat.get("id")).isNotEqualTo(a.get("id"));
    }

    @Test
    void aQqSecretQqRefusesIsUpstreamUnavailableAndAnOperatorsLogLineWithoutTheSecret(CapturedOutput output) {
        Http.Reply refused = http.login("1110000203", sim.code("1110000203", "deployed-qq-misconfigured"));

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(output.getAll()).contains("QQ refused the login request of app 1110000203");
        for (String secret : SECRETS) {
            assertThat(refused.body()).doesNotContain(secret);
            assertThat(output.getAll()).as("log").doesNotContain(secret);
        }
    }

    @Test
    void oneConfiguredAppMayBeLeftOutOfTheLogin(@TempDir Path otherDataDir) {
        try (TestService single = TestService.configured(
                otherDataDir,
                Map.of(
                        "WXLOGIN_APPS",
                        "wxc:secretC",
                        "WXLOGIN_WECHAT_BASE_URL",
                        wechat.baseUrl().toString()))) {

            JsonNode session = assertSession(single.http().login(null, sim.code("wxc", "deployed-single")));

            assertThat(session.get("user").get("openid").asString())
                    .isEqualTo(
                            sim.session("wxc", "deployed-single").get("openid").asString());
        }
    }

    @Test
    void serviceWithoutAnyAppRefusesToStartNamingTheSetting(@TempDir Path otherDataDir) {
        assertThatThrownBy(() -> TestService.configured(
                                otherDataDir,
                                Map.of(
                                        "WXLOGIN_WECHAT_BASE_URL",
                                        wechat.baseUrl().toString()))
                        .close())
                .satisfies(e -> assertThat(messages(e)).contains("WXLOGIN_APPS"));
    }

    @Test
    void malformedAppListRefusesToStartWithoutQuotingTheSecret(@TempDir Path otherDataDir, CapturedOutput output) {
        assertThatThrownBy(() -> TestService.configured(
                                otherDataDir,
                                Map.of(
                                        "WXLOGIN_APPS",
                                        "wxa:topSecretValue:g1:extra",
                                        "WXLOGIN_WECHAT_BASE_URL",
                                        URI.create("http://127.0.0.1:9").toString()))
                        .close())
                .satisfies(e -> assertThat(messages(e)).doesNotContain("topSecretValue"));
        assertThat(output.getAll()).doesNotContain("topSecretValue");
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
