package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.io.IOException;
import java.nio.file.Files;
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
 * Douyin apps configured as an operator would: {@code WXLOGIN_APPS} with {@code douyin:} entries in two
 * groups, {@code WXLOGIN_DOUYIN_BASE_URL} pointing at a standalone simulator's {@code /douyin} (the only
 * change between simulated and real Douyin: open.douyin.com follows it), and the phone keys as Spring
 * properties, one a PEM file's path and one the PEM itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class DouyinDeploymentTest {

    /** ttd's secret differs between the service and "Douyin": a misconfigured app. */
    static final String SERVICE_APPS =
            "douyin:tta:secretA:g1,douyin:ttb:secretB:g1,douyin:ttc:secretC:g2,douyin:ttd:serviceSecretD";

    static final String DOUYIN_APPS =
            "douyin:tta:secretA:g1,douyin:ttb:secretB:g1,douyin:ttc:secretC:g2,douyin:ttd:douyinSecretD";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path keysDir;

    static SimulatorServer simulator;
    static TestService service;
    static DouyinSim douyin;

    @BeforeAll
    static void start() throws IOException {
        simulator = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(DOUYIN_APPS))), "127.0.0.1", 0);
        Sim sim = new Sim(new Http(simulator.baseUrl()));
        DouyinSim keys = new DouyinSim(sim, null);
        Path keyFile = keysDir.resolve("tta.pem");
        Files.writeString(keyFile, keys.keys("tta").get("privateKey").asString());
        String inlineOneLine = keys.keys("ttb").get("privateKey").asString().replace("\n", " ");
        service = TestService.configured(
                dataDir,
                Map.of("WXLOGIN_APPS", SERVICE_APPS, "WXLOGIN_DOUYIN_BASE_URL", simulator.baseUrl() + "/douyin"),
                "--wxlogin.douyin.apps.tta.private-key=" + keyFile,
                "--wxlogin.douyin.apps.ttb.private-key=" + inlineOneLine);
        douyin = new DouyinSim(sim, service.http());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static Tokens login(String appId, String user) {
        return Tokens.of(douyin.serviceLogin(appId, douyin.login(appId, user)));
    }

    private static Http.Reply bindByCode(Tokens caller, String appId, String user, String number) {
        String code = douyin.phone(appId, user, number).get("code").asString();
        return service.http()
                .withBearer(
                        "POST", "/v1/me/phone", caller.access(), Http.JSON.writeValueAsString(Map.of("code", code)));
    }

    @Test
    void loginIsExchangedWithTheDouyinOfTheConfiguredBaseUrl() {
        long calls = douyin.calls(DouyinSim.CODE2SESSION);

        JsonNode session = assertSession(douyin.serviceLogin("tta", douyin.login("tta", "deployed-dy")));

        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(douyin.session("tta", "deployed-dy").get("openid").asString());
        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isEqualTo(calls + 1);
    }

    @Test
    void theUnionidJoinsUsersWithinAGroupOnlyNotAcrossGroupsOrOutsideAny() {
        Tokens a = login("tta", "deployed-union");
        Tokens b = login("ttb", "deployed-union");
        Tokens c = login("ttc", "deployed-union");

        assertThat(b.userId()).isEqualTo(a.userId());
        assertThat(b.user().get("unionid").asString())
                .isEqualTo(a.user().get("unionid").asString());
        assertThat(c.userId()).isNotEqualTo(a.userId());
        assertThat(c.user().get("unionid").asString())
                .isNotEqualTo(a.user().get("unionid").asString());
    }

    @Test
    void phoneCodesOpenWithTheKeyFromAFileAndTheInlineKey() {
        assertThat(bindByCode(login("tta", "deployed-phone-a"), "tta", "deployed-phone-a", "13900000301")
                        .status())
                .isEqualTo(200);
        assertThat(bindByCode(login("ttb", "deployed-phone-b"), "ttb", "deployed-phone-b", "13900000302")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAppWithoutAPhoneKeyAnswersItsPhoneCodesUnsupportedWithoutCallingDouyin() {
        Tokens caller = login("ttc", "deployed-phone-c");
        long calls = douyin.calls(DouyinSim.PHONE_NUMBER);

        assertProblem(bindByCode(caller, "ttc", "deployed-phone-c", "13900000303"), 400, "unsupported");

        assertThat(douyin.calls(DouyinSim.PHONE_NUMBER)).isEqualTo(calls);
    }

    @Test
    void aSecretDouyinRefusesIsUpstreamUnavailableAndAnOperatorAlert(CapturedOutput output) {
        Http.Reply r = douyin.serviceLogin("ttd", douyin.login("ttd", "deployed-misconfigured"));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(output.getAll())
                .contains("Douyin refused the credentials of app ttd: err_no 40017")
                .doesNotContain("serviceSecretD")
                .doesNotContain("douyinSecretD");
    }
}
