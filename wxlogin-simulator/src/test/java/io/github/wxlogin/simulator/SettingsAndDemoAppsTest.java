package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsAndDemoAppsTest {

    @Test
    void defaultsKeepSessionKeysAndAllowOneHundredCallsAMinute() {
        SimulatorSettings s = SimulatorSettings.defaults(DemoApps.fixed());

        assertThat(s.rotateSessionKeyOnLogin()).isFalse();
        assertThat(s.perUserMinuteLimit()).isEqualTo(100);
        assertThat(s.clock()).isNotNull();
    }

    @Test
    void settingsRefuseNoAppsNegativeLimitsAndNulls() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new SimulatorSettings(SimApps.parse(""), false, 100, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(DemoApps.fixed(), false, -1, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(null, false, 1, clock)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SimulatorSettings(DemoApps.fixed(), false, 1, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void demoAppsPutTheFirstTwoInOneGroupAndTheThirdInNone() {
        for (SimApps apps : List.of(DemoApps.random(), DemoApps.fixed())) {
            assertThat(apps.all())
                    .extracting(SimApp::appId)
                    .containsExactly(
                            "wx0000000000000001",
                            "wx0000000000000002",
                            "wx0000000000000003",
                            "1110000001",
                            "1110000002",
                            "tt00000000000001",
                            "tt00000000000002",
                            "2021000000000001",
                            "ks0000000000000001",
                            "ww0000000000000001",
                            "20000001");
            assertThat(apps.find(DemoApps.APP_1).orElseThrow().group()).hasValue("demo");
            assertThat(apps.find(DemoApps.APP_2).orElseThrow().group()).hasValue("demo");
            assertThat(apps.find(DemoApps.APP_3).orElseThrow().group()).isEmpty();
        }
    }

    @Test
    void theQqDemoAppsAreQqAppsOfOneQqGroup() {
        for (SimApps apps : List.of(DemoApps.random(), DemoApps.fixed())) {
            for (String qq : List.of(DemoApps.QQ_APP_1, DemoApps.QQ_APP_2)) {
                SimApp app = apps.find(qq).orElseThrow();
                assertThat(app.platform()).isEqualTo("qq");
                assertThat(app.unionGroup()).hasValue("qq:demo");
            }
        }
        assertThat(DemoApps.fixed().find(DemoApps.QQ_APP_1).orElseThrow().secret())
                .isEqualTo("sim-secret-1110000001");
        assertThat(DemoApps.fixed().find(DemoApps.QQ_APP_2).orElseThrow().secret())
                .isEqualTo("sim-secret-1110000002");
    }

    @Test
    void douyinsDemoAppsAreOneGroupOfDouyins() {
        for (SimApps apps : List.of(DemoApps.random(), DemoApps.fixed())) {
            SimApp one = apps.find(DemoApps.DOUYIN_1).orElseThrow();
            SimApp two = apps.find(DemoApps.DOUYIN_2).orElseThrow();
            assertThat(one.platform()).isEqualTo("douyin");
            assertThat(two.platform()).isEqualTo("douyin");
            assertThat(one.unionGroup()).hasValue("douyin:demo").isEqualTo(two.unionGroup());
        }
        assertThat(DemoApps.fixed().find(DemoApps.DOUYIN_2).orElseThrow().secret())
                .isEqualTo("sim-secret-tt00000000000002");
    }

    @Test
    void randomDemoSecretsAre32HexCharactersAndDifferEachTime() {
        SimApps a = DemoApps.random();
        SimApps b = DemoApps.random();

        assertThat(a.all())
                .extracting(SimApp::secret)
                .allSatisfy(s -> assertThat(s).matches("[0-9a-f]{32}"))
                .doesNotHaveDuplicates();
        assertThat(a.find(DemoApps.APP_1).orElseThrow().secret())
                .isNotEqualTo(b.find(DemoApps.APP_1).orElseThrow().secret());
    }

    @Test
    void fixedDemoSecretsAreTheDocumentedOnes() {
        SimApps apps = DemoApps.fixed();

        assertThat(apps.find(DemoApps.APP_1).orElseThrow().secret()).isEqualTo("sim-secret-0001");
        assertThat(apps.find(DemoApps.APP_2).orElseThrow().secret()).isEqualTo("sim-secret-0002");
        assertThat(apps.find(DemoApps.APP_3).orElseThrow().secret()).isEqualTo("sim-secret-0003");
    }

    @Test
    void valuesNeverPrintSecrets() {
        SimRequest request = SimRequest.of("GET", "/sns/jscode2session", "secret=topsecret&js_code=abc");
        SimResponse response = new SimResponse(200, Answers.JSON, "{\"session_key\":\"k3y\"}".getBytes());

        assertThat(request.toString()).doesNotContain("topsecret").doesNotContain("abc");
        assertThat(response.toString()).doesNotContain("k3y");
        assertThat(new IssuedAccessTokens.Issued("tok3n", 7200).toString()).doesNotContain("tok3n");
    }

    @Test
    void requestsAndResponsesCopyTheirBodies() {
        byte[] body = "{}".getBytes();
        SimRequest request = new SimRequest("post", "/sim/login", null, body);
        body[0] = 'x';

        assertThat(request.body()).containsExactly('{', '}');
        assertThat(request.method()).isEqualTo("POST");
        assertThat(new SimResponse(204, null, null).contentType()).isNull();
        assertThatThrownBy(() -> new SimResponse(200, null, body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appWithoutGroupGetsNoUnionidEvenWhenOthersShareOne() {
        SimApps apps = new SimApps(List.of(
                new SimApp("wxa", "s1", Optional.of("g")),
                new SimApp("wxb", "s2", Optional.of("g")),
                new SimApp("wxc", "s3", Optional.of("other"))));
        TestSim t = new TestSim(SimulatorSettings.defaults(apps));

        String a = TestSim.json(t.get("/sim/session", "appId", "wxa", "user", "u"))
                .get("unionid")
                .asString();
        String b = TestSim.json(t.get("/sim/session", "appId", "wxb", "user", "u"))
                .get("unionid")
                .asString();
        String c = TestSim.json(t.get("/sim/session", "appId", "wxc", "user", "u"))
                .get("unionid")
                .asString();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
