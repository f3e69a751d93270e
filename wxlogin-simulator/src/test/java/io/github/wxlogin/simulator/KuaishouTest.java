package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kuaishou in the simulator: its code2Session at {@code /kuaishou/oauth2/mp/code2session} (a form POST,
 * {@code result}/{@code error_msg} answers, Kuaishou's own apps), and the {@code /sim/} controls for a
 * Kuaishou app as Kuaishou's client answers them: a login code, open data without a watermark, and a
 * phone button that gives encryptedData and iv only.
 */
class KuaishouTest {

    static final String CODE2SESSION = "/kuaishou/oauth2/mp/code2session";

    private final TestSim t = new TestSim();

    private SimResponse code2Session(String appId, String secret, String code) {
        String form = TestSim.query("app_id", appId, "app_secret", secret, "js_code", code);
        return t.sim.handle(new SimRequest("POST", CODE2SESSION, null, form.getBytes(StandardCharsets.UTF_8)));
    }

    private SimResponse code2Session(String appId, String code) {
        return code2Session(appId, secret(appId), code);
    }

    private static int result(SimResponse r) {
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = json(r);
        if (body.get("result").asInt() != 1) {
            assertThat(body.get("error_msg").asString()).isNotBlank();
        }
        return body.get("result").asInt();
    }

    @Test
    void aKuaishouCodeExchangesForTheOpenIdAndSessionKeyAndNoUnionid() {
        JsonNode body = json(code2Session(KUAISHOU_APP, t.login(KUAISHOU_APP, "alice")));

        assertThat(body.get("result").asInt()).isEqualTo(1);
        assertThat(body.get("open_id").asString())
                .matches("[0-9a-f]{32}")
                .isEqualTo(KuaishouState.openId(KUAISHOU_APP, "alice"));
        assertThat(body.get("session_key").asString()).hasSize(24);
        assertThat(body.has("unionid") || body.has("union_id")).isFalse();
        assertThat(body.get("session_key").asString())
                .isEqualTo(t.session(KUAISHOU_APP, "alice").get("sessionKey").asString());
    }

    @Test
    void theFormMayComeAsTheQueryOfThePostToo() {
        String code = t.login(KUAISHOU_APP, "alice");
        String query = TestSim.query("app_id", KUAISHOU_APP, "app_secret", secret(KUAISHOU_APP), "js_code", code);

        assertThat(result(t.sim.handle(new SimRequest("POST", CODE2SESSION, query, new byte[0]))))
                .isEqualTo(1);
    }

    @Test
    void aSpentUnknownExpiredOrOtherAppsCodeIsTheSameCodeError() {
        String spent = t.login(KUAISHOU_APP, "alice");
        assertThat(result(code2Session(KUAISHOU_APP, spent))).isEqualTo(1);
        String early = t.login(KUAISHOU_APP, "alice");
        String ofWeChat = t.login(APP_1, "alice");

        assertThat(result(code2Session(KUAISHOU_APP, spent))).isEqualTo(100200105);
        assertThat(result(code2Session(KUAISHOU_APP, "0F937BAD25DD870B0C5DAFCACE199093")))
                .isEqualTo(100200105);
        assertThat(result(code2Session(KUAISHOU_APP, ofWeChat))).isEqualTo(100200105);
        t.advance(300);
        assertThat(result(code2Session(KUAISHOU_APP, early))).isEqualTo(100200105);
    }

    @Test
    void aWrongSecretOrAnAppNotKuaishousIs100200101AndTheCodeStaysGood() {
        String code = t.login(KUAISHOU_APP, "alice");

        assertThat(result(code2Session(KUAISHOU_APP, "not-the-secret", code))).isEqualTo(100200101);
        assertThat(result(code2Session(APP_1, secret(APP_1), code))).isEqualTo(100200101);
        assertThat(result(code2Session(KUAISHOU_APP, code))).isEqualTo(1);
    }

    @Test
    void aMissingFieldIs100200100() {
        assertThat(result(code2Session(KUAISHOU_APP, null))).isEqualTo(100200100);
    }

    @Test
    void faultsAtKuaishousPathAnswerKuaishousResultFormatAndStatsCountItApart() {
        assertThat(t.post("/sim/faults", "{\"path\":\"" + CODE2SESSION + "\",\"errcode\":100200500,\"count\":1}")
                        .status())
                .isEqualTo(204);
        String code = t.login(KUAISHOU_APP, "alice");

        SimResponse faulted = code2Session(KUAISHOU_APP, code);
        assertThat(result(faulted)).isEqualTo(100200500);
        assertThat(json(faulted).get("error_msg").asString()).isEqualTo("服务内部错误");
        assertThat(json(faulted).has("errcode")).isFalse();
        assertThat(result(code2Session(KUAISHOU_APP, code))).isEqualTo(1);

        JsonNode calls = json(t.get("/sim/stats")).get("calls");
        assertThat(calls.get(CODE2SESSION).asInt()).isEqualTo(2);
        assertThat(calls.get("/sns/jscode2session").asInt()).isZero();
    }

    @Test
    void thePhoneButtonGivesEncryptedDataAndIvOnlyWithPhoneNumberAndCountryCode() {
        result(code2Session(KUAISHOU_APP, t.login(KUAISHOU_APP, "alice")));
        String sessionKey = t.session(KUAISHOU_APP, "alice").get("sessionKey").asString();

        JsonNode phone = json(t.post(
                "/sim/phone-code",
                "{\"appId\":\"" + KUAISHOU_APP + "\",\"user\":\"alice\",\"phoneNumber\":\"13800138000\"}"));

        assertThat(phone.has("code")).as("Kuaishou's button gives no code").isFalse();
        JsonNode plain = Json.MAPPER.readTree(JdkCrypto.decrypt(
                sessionKey,
                phone.get("iv").asString(),
                phone.get("encryptedData").asString()));
        assertThat(plain.get("phoneNumber").asString()).isEqualTo("13800138000");
        assertThat(plain.get("countryCode").asString()).isEqualTo("86");
        assertThat(plain.has("watermark")).isFalse();
    }

    @Test
    void openDataIsEncryptedUnderTheSessionKeyWithTheOpenIdAndNoWatermark() {
        result(code2Session(KUAISHOU_APP, t.login(KUAISHOU_APP, "alice")));
        String sessionKey = t.session(KUAISHOU_APP, "alice").get("sessionKey").asString();

        JsonNode open = json(t.post(
                "/sim/open-data",
                "{\"appId\":\"" + KUAISHOU_APP + "\",\"user\":\"alice\",\"data\":{\"nickName\":\"快手用户\","
                        + "\"watermark\":{\"appid\":\"x\"}}}"));

        JsonNode plain = Json.MAPPER.readTree(JdkCrypto.decrypt(
                sessionKey, open.get("iv").asString(), open.get("encryptedData").asString()));
        assertThat(plain.get("nickName").asString()).isEqualTo("快手用户");
        assertThat(plain.get("openId").asString()).isEqualTo(KuaishouState.openId(KUAISHOU_APP, "alice"));
        assertThat(plain.has("watermark")).isFalse();
        assertThat(open.get("rawData").asString()).isEqualTo("{\"nickName\":\"快手用户\"}");
        assertThat(open.get("signature").asString())
                .isEqualTo(JdkCrypto.sha1Hex(open.get("rawData").asString() + sessionKey));
    }

    @Test
    void theSessionControlShowsWhatKuaishouHoldsWithoutAUnionid() {
        JsonNode session = t.session(KUAISHOU_APP, "bob");

        assertThat(session.get("openid").asString()).isEqualTo(KuaishouState.openId(KUAISHOU_APP, "bob"));
        assertThat(session.get("unionid").isNull()).isTrue();
        assertThat(session.get("sessionKey").asString()).hasSize(24);
    }

    @Test
    void theDemoAppIsKuaishousInNoGroup() {
        SimApp app = DemoApps.fixed().find(KUAISHOU_APP).orElseThrow();

        assertThat(app.platform()).isEqualTo("kuaishou");
        assertThat(app.group()).isEqualTo(Optional.empty());
        assertThat(app.secret()).isEqualTo("sim-secret-" + KUAISHOU_APP);
    }

    @Test
    void resetForgetsKuaishouCodes() {
        String code = t.login(KUAISHOU_APP, "alice");

        assertThat(t.post("/sim/reset", "{}").status()).isEqualTo(204);

        assertThat(result(code2Session(KUAISHOU_APP, code))).isEqualTo(100200105);
    }
}
