package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.secret;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * QQ in the simulator: its code2Session at {@code /qq/sns/jscode2session} (WeChat's API with QQ's
 * documented errcodes and QQ's own apps), and the {@code /sim/} controls for a QQ app as QQ's client
 * answers them: a login code and open data as WeChat's, no phone code at all.
 */
class QqTest {

    static final String QQ_CODE2SESSION = "/qq/sns/jscode2session";

    private final TestSim t = new TestSim();

    private SimResponse qqCode2Session(String appId, String secret, String code) {
        return t.get(
                QQ_CODE2SESSION, "appid", appId, "secret", secret, "js_code", code, "grant_type", "authorization_code");
    }

    private SimResponse qqCode2Session(String appId, String code) {
        return qqCode2Session(appId, secret(appId), code);
    }

    @Test
    void aQqCodeExchangesAtQqsPathForTheOpenidSessionKeyAndAUnionidOfTheQqGroup() {
        JsonNode body = success(qqCode2Session(QQ_APP_1, t.login(QQ_APP_1, "alice")));

        assertThat(body.get("openid").asString()).isEqualTo(Identities.openid(QQ_APP_1, "alice"));
        assertThat(body.get("session_key").asString()).hasSize(24);
        assertThat(body.get("unionid").asString())
                .isEqualTo(Identities.unionid("qq:demo", "alice"))
                .isNotEqualTo(Identities.unionid(DemoApps.GROUP, "alice"));
        assertThat(success(qqCode2Session(QQ_APP_2, t.login(QQ_APP_2, "alice"))).get("unionid"))
                .isEqualTo(body.get("unionid"));
        assertThat(body.get("session_key").asString())
                .isEqualTo(t.session(QQ_APP_1, "alice").get("sessionKey").asString());
    }

    @Test
    void aSpentQqCodeIsOneMoreInvalidCode() {
        String code = t.login(QQ_APP_1, "alice");
        success(qqCode2Session(QQ_APP_1, code));

        assertThat(errcode(qqCode2Session(QQ_APP_1, code))).isEqualTo(40029);
    }

    @Test
    void unknownExpiredAndOtherAppsCodesAre40029() {
        String early = t.login(QQ_APP_1, "alice");
        String ofApp2 = t.login(QQ_APP_2, "alice");
        String ofWeChat = t.login(APP_1, "alice");

        assertThat(errcode(qqCode2Session(QQ_APP_1, "0716AVll20uHk94SLDml27etM946AVlq")))
                .isEqualTo(40029);
        assertThat(errcode(qqCode2Session(QQ_APP_1, ofApp2))).isEqualTo(40029);
        assertThat(errcode(qqCode2Session(QQ_APP_1, ofWeChat))).isEqualTo(40029);
        t.advance(300);
        assertThat(errcode(qqCode2Session(QQ_APP_1, early))).isEqualTo(40029);
    }

    @Test
    void qqHasNoRiskControlAnswer() {
        assertThat(t.post("/sim/risk", "{\"user\":\"mallory\",\"risky\":true}").status())
                .isEqualTo(204);

        success(qqCode2Session(QQ_APP_1, t.login(QQ_APP_1, "mallory")));
    }

    @Test
    void qqsPerUserMinuteLimitIs45011() {
        assertThat(t.post("/sim/settings", "{\"minuteLimit\":1}").status()).isEqualTo(204);
        success(qqCode2Session(QQ_APP_1, t.login(QQ_APP_1, "alice")));

        assertThat(errcode(qqCode2Session(QQ_APP_1, t.login(QQ_APP_1, "alice"))))
                .isEqualTo(45011);
    }

    @Test
    void weChatDoesNotKnowQqAppsAndQqDoesNotKnowWeChatApps() {
        assertThat(errcode(t.code2Session(QQ_APP_1, t.login(QQ_APP_1, "alice"))))
                .isEqualTo(40013);
        assertThat(errcode(qqCode2Session(APP_1, t.login(APP_1, "alice")))).isEqualTo(40013);
    }

    @Test
    void aWrongSecretIsRefusedAndTheCodeStaysGood() {
        String code = t.login(QQ_APP_1, "alice");

        assertThat(errcode(qqCode2Session(QQ_APP_1, "not-the-secret", code))).isEqualTo(40125);
        success(qqCode2Session(QQ_APP_1, code));
    }

    @Test
    void faultsAtQqsPathAnswerQqsErrcodeFormatAndStatsCountItApart() {
        assertThat(t.post("/sim/faults", "{\"path\":\"" + QQ_CODE2SESSION + "\",\"errcode\":-1,\"count\":1}")
                        .status())
                .isEqualTo(204);
        String code = t.login(QQ_APP_1, "alice");

        assertThat(errcode(qqCode2Session(QQ_APP_1, code))).isEqualTo(-1);
        success(qqCode2Session(QQ_APP_1, code));

        JsonNode calls = json(t.get("/sim/stats")).get("calls");
        assertThat(calls.get(QQ_CODE2SESSION).asInt()).isEqualTo(2);
        assertThat(calls.get("/sns/jscode2session").asInt()).isZero();
    }

    @Test
    void qqHasNoPhoneCodeToGive() {
        SimResponse r = t.post("/sim/phone-code", "{\"appId\":\"" + QQ_APP_1 + "\",\"user\":\"alice\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).contains("no getPhoneNumber button");
    }

    @Test
    void qqOpenDataIsEncryptedUnderTheUsersSessionKeyWithTheQqAppsWatermark() {
        success(qqCode2Session(QQ_APP_1, t.login(QQ_APP_1, "alice")));
        String sessionKey = t.session(QQ_APP_1, "alice").get("sessionKey").asString();

        JsonNode open = json(t.post(
                "/sim/open-data",
                "{\"appId\":\"" + QQ_APP_1 + "\",\"user\":\"alice\",\"data\":{\"nickName\":\"QQ 用户\"}}"));

        JsonNode plain = Json.MAPPER.readTree(JdkCrypto.decrypt(
                sessionKey, open.get("iv").asString(), open.get("encryptedData").asString()));
        assertThat(plain.get("nickName").asString()).isEqualTo("QQ 用户");
        assertThat(plain.get("watermark").get("appid").asString()).isEqualTo(QQ_APP_1);
        assertThat(plain.get("watermark").get("timestamp").asLong()).isEqualTo(TestSim.START.getEpochSecond());
        assertThat(open.get("signature").asString())
                .isEqualTo(JdkCrypto.sha1Hex(open.get("rawData").asString() + sessionKey));
    }

    @Test
    void theSessionControlShowsWhatQqHoldsWithTheQqUnionid() {
        JsonNode session = t.session(QQ_APP_2, "bob");

        assertThat(session.get("openid").asString()).isEqualTo(Identities.openid(QQ_APP_2, "bob"));
        assertThat(session.get("unionid").asString()).isEqualTo(Identities.unionid("qq:demo", "bob"));
    }

    @Test
    void resetForgetsQqCodes() {
        String code = t.login(QQ_APP_1, "alice");

        assertThat(t.post("/sim/reset", "{}").status()).isEqualTo(204);

        assertThat(errcode(qqCode2Session(QQ_APP_1, code))).isEqualTo(40029);
    }
}
