package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.simulator.DemoApps;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** What API.md promises of dev mode itself: the demo apps, a loud warning, the simulator on the service's own port. */
@ExtendWith(OutputCaptureExtension.class)
class DevModeTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void embeddedSuiteOnly() {
        // Dev mode's own promises do not depend on the database; its logins on each database are
        // every other test's (they all run in dev mode).
        TestDatabase.onlyInTheEmbeddedSuite("runs with the embedded suite");
    }

    @Test
    void devModeConfiguresTheDemoAppsAndSaysLoudlyItIsNotForProduction(CapturedOutput output) {
        try (TestService service = TestService.dev(dataDir)) {
            Apps apps = service.bean(Apps.class);

            assertThat(apps.all()).extracting(App::appId).containsSubsequence(APP_1, APP_2, APP_3);
            assertThat(apps.all()).extracting(App::appId).contains(DemoApps.DOUYIN_1, DemoApps.DOUYIN_2);
            assertThat(apps.find(DemoApps.DOUYIN_1).orElseThrow().unionGroup())
                    .hasValue("douyin:demo")
                    .isEqualTo(apps.find(DemoApps.DOUYIN_2).orElseThrow().unionGroup());
            assertThat(apps.find(DemoApps.ALIPAY_APP).orElseThrow().platform()).isEqualTo(Platform.ALIPAY);
            assertThat(apps.find(DemoApps.KUAISHOU_APP).orElseThrow().platform())
                    .isEqualTo(Platform.KUAISHOU);
            assertThat(apps.find(DemoApps.WECOM_APP).orElseThrow().platform()).isEqualTo(Platform.WECOM);
            // Baidu's, by its AppID, in no group: Baidu gives no unionid.
            assertThat(apps.find(DemoApps.BAIDU_APP).orElseThrow().platform()).isEqualTo(Platform.BAIDU);
            assertThat(apps.find(DemoApps.BAIDU_APP).orElseThrow().group()).isEmpty();
            assertThat(apps.find(APP_1).orElseThrow().group())
                    .isPresent()
                    .isEqualTo(apps.find(APP_2).orElseThrow().group());
            assertThat(apps.find(APP_3).orElseThrow().group()).isEqualTo(Optional.empty());
            // QQ's, in one QQ group: API.md's "Dev mode".
            for (String qq : new String[] {DemoApps.QQ_APP_1, DemoApps.QQ_APP_2}) {
                assertThat(apps.find(qq).orElseThrow().platform()).isEqualTo(Platform.QQ);
                assertThat(apps.find(qq).orElseThrow().unionGroup()).hasValue("qq:demo");
            }
            assertThat(output.getAll())
                    .contains("NOT FOR PRODUCTION")
                    .contains(service.baseUrl().replace("localhost", "127.0.0.1") + "/wechat-sim");
            for (App app : apps.all()) {
                assertThat(output.getAll()).doesNotContain(app.secret());
            }
        }
    }

    @Test
    void devModeLinksByPhoneSoTheDemoPageCanShowLinking() {
        // application-dev.properties: WXLOGIN_LINK_BY_PHONE defaults to true in dev mode only.
        try (TestService service = TestService.dev(dataDir)) {
            WeChatData wx = new WeChatData(service);
            Tokens holder = service.login(APP_1, "dev-link-holder");
            wx.bindWithCode(holder, APP_1, "dev-link-holder", "13955550101");
            Tokens newcomer = service.login(APP_3, "dev-link-newcomer");

            Http.Reply linked =
                    wx.bindPhone(newcomer, Map.of("code", wx.phoneCode(APP_3, "dev-link-newcomer", "13955550101")));

            assertThat(linked.status()).as("%s", linked).isEqualTo(200);
            assertThat(linked.json().get("linked").asBoolean()).isTrue();
            assertThat(linked.json().get("user").get("id").asString()).isEqualTo(holder.userId());
        }
    }

    @Test
    void devModeLinksByPhoneUnlessTheSettingSaysOtherwise() {
        try (TestService service =
                TestService.start(dataDir, TestPorts.free(), Map.of("WXLOGIN_LINK_BY_PHONE", "false"), true)) {
            WeChatData wx = new WeChatData(service);
            Tokens holder = service.login(APP_1, "dev-nolink-holder");
            wx.bindWithCode(holder, APP_1, "dev-nolink-holder", "13955550102");
            Tokens newcomer = service.login(APP_3, "dev-nolink-newcomer");

            assertProblem(
                    wx.bindPhone(newcomer, Map.of("code", wx.phoneCode(APP_3, "dev-nolink-newcomer", "13955550102"))),
                    409,
                    "phone_in_use");
        }
    }

    @Test
    void healthIsUpWithTheDatabase() {
        try (TestService service = TestService.dev(dataDir)) {
            Http.Reply health = service.http().get("/actuator/health");

            assertThat(health.status()).as("%s", health).isEqualTo(200);
            JsonNode body = health.json();
            assertThat(body.get("status").asString()).isEqualTo("UP");
            assertThat(body.get("components").get("db").get("status").asString())
                    .isEqualTo("UP");
        }
    }

    @Test
    void devModeWithASeparateManagementPortStillReachesItsOwnSimulator() {
        int management = TestPorts.free();
        try (TestService service = TestService.dev(dataDir, "--management.server.port=" + management)) {

            JsonNode session =
                    assertSession(service.http().login(APP_1, service.sim().code(APP_1, "dev-management")));

            assertThat(session.get("newUser").asBoolean()).isTrue();
        }
    }
}
