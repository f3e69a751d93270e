package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_3;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlsTest {

    private final TestSim t = new TestSim();

    @Test
    void openDataDecryptsUnderTheSessionKeyWithAWatermarkAndItsSignatureVerifies() {
        String sessionKey = t.signIn(APP_1, "alice").get("session_key").asString();

        SimResponse r = t.post(
                "/sim/open-data",
                "{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\","
                        + "\"data\":{\"nickName\":\"Alice 爱丽丝\",\"gender\":2}}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode out = json(r);
        assertThat(t.session(APP_1, "alice").get("sessionKey").asString()).isEqualTo(sessionKey);
        byte[] iv = Base64.getDecoder().decode(out.get("iv").asString());
        assertThat(iv).hasSize(16);
        String plain = JdkCrypto.decrypt(
                sessionKey, out.get("iv").asString(), out.get("encryptedData").asString());
        JsonNode data = Json.MAPPER.readTree(plain);
        assertThat(data.get("nickName").asString()).isEqualTo("Alice 爱丽丝");
        assertThat(data.get("gender").asInt()).isEqualTo(2);
        assertThat(data.get("watermark").get("appid").asString()).isEqualTo(APP_1);
        assertThat(data.get("watermark").get("timestamp").asLong()).isEqualTo(TestSim.START.getEpochSecond());

        String rawData = out.get("rawData").asString();
        assertThat(Json.MAPPER.readTree(rawData).has("watermark")).isFalse();
        assertThat(Json.MAPPER.readTree(rawData).get("nickName").asString()).isEqualTo("Alice 爱丽丝");
        assertThat(out.get("signature").asString()).isEqualTo(JdkCrypto.sha1Hex(rawData + sessionKey));
    }

    @Test
    void openDataBeforeAnyLoginCreatesTheKeyTheLaterLoginGets() {
        JsonNode out = json(t.post("/sim/open-data", "{\"appId\":\"" + APP_1 + "\",\"user\":\"bob\",\"data\":{}}"));
        String key = t.session(APP_1, "bob").get("sessionKey").asString();

        JdkCrypto.decrypt(
                key, out.get("iv").asString(), out.get("encryptedData").asString());
        assertThat(t.signIn(APP_1, "bob").get("session_key").asString()).isEqualTo(key);
    }

    @Test
    void aLoginAskedToRotateGivesTheUserANewSessionKeyAtOnceWhichTheNextExchangeAnswers() {
        String held = t.signIn(APP_1, "carol").get("session_key").asString();
        String plainLogin = json(t.post("/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\"}"))
                .get("code")
                .asString();
        assertThat(t.session(APP_1, "carol").get("sessionKey").asString())
                .as("a plain wx.login() keeps the key")
                .isEqualTo(held);

        String rotating = json(t.post(
                        "/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"rotateSessionKey\":true}"))
                .get("code")
                .asString();
        String now = t.session(APP_1, "carol").get("sessionKey").asString();

        assertThat(now).as("rotated before any server exchanged a code").isNotEqualTo(held);
        JsonNode out = json(t.post("/sim/open-data", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"data\":{}}"));
        JdkCrypto.decrypt(
                now, out.get("iv").asString(), out.get("encryptedData").asString());
        assertThat(success(t.code2Session(APP_1, rotating)).get("session_key").asString())
                .isEqualTo(now);
        assertThat(success(t.code2Session(APP_1, plainLogin)).get("session_key").asString())
                .as("an older code exchanged later answers the key WeChat holds now")
                .isEqualTo(now);
    }

    @Test
    void sessionShowsWhatWeChatHoldsForTheUser() {
        JsonNode grouped = t.session(APP_1, "alice");
        JsonNode alone = t.session(APP_3, "alice");

        assertThat(grouped.get("openid").asString()).isEqualTo(Identities.openid(APP_1, "alice"));
        assertThat(grouped.get("unionid").asString()).isEqualTo(Identities.unionid(DemoApps.GROUP, "alice"));
        assertThat(grouped.get("sessionKey").asString()).hasSize(24);
        assertThat(alone.has("unionid")).isTrue();
        assertThat(alone.get("unionid").isNull()).isTrue();
    }

    @Test
    void controlsRefuseBadInputWith400AndUnknownAppsWith404() {
        assertThat(t.post("/sim/login", "not json").status()).isEqualTo(400);
        assertThat(t.post("/sim/login", "{\"appId\":\"" + APP_1 + "\"}").status())
                .isEqualTo(400);
        assertThat(t.post("/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":\"\"}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":\"" + "x".repeat(65) + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":7}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/open-data", "{\"appId\":\"" + APP_1 + "\",\"user\":\"a\",\"data\":[1]}")
                        .status())
                .isEqualTo(400);
        assertThat(t.get("/sim/session", "appId", APP_1).status()).isEqualTo(400);
        assertThat(t.post("/sim/clock", "{\"advanceSeconds\":-1}").status()).isEqualTo(400);
        assertThat(t.post("/sim/settings", "{\"minuteLimit\":\"ten\"}").status())
                .isEqualTo(400);
        assertThat(t.post("/sim/risk", "{\"user\":\"a\"}").status()).isEqualTo(400);

        SimResponse unknown = t.post("/sim/login", "{\"appId\":\"wx9999999999999999\",\"user\":\"a\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).get("error").asString()).isEqualTo("unknown app");
        assertThat(t.get("/sim/session", "appId", "wx9999999999999999", "user", "a")
                        .status())
                .isEqualTo(404);
        assertThat(t.post("/sim/risk", "{\"appId\":\"wxnope\",\"user\":\"a\",\"risky\":true}")
                        .status())
                .isEqualTo(404);

        SimResponse bad = t.post("/sim/login", "{}");
        assertThat(json(bad).get("error").asString()).isEqualTo("appId is required");
    }

    @Test
    void loginCodesAreFreshEachTime() {
        assertThat(t.login(APP_1, "alice"))
                .isNotEqualTo(t.login(APP_1, "alice"))
                .matches("[A-Za-z0-9]{32}");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithJsonBodies() {
        SimResponse notFound = t.get("/sns/nothing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(json(notFound).get("error").asString()).contains("/sns/nothing");
        assertThat(t.get("/").status()).isEqualTo(404);
        assertThat(t.get("/sim/nothing").status()).isEqualTo(404);

        SimResponse wrongMethod = t.post("/sns/jscode2session", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asString()).contains("GET");
        assertThat(t.get("/cgi-bin/stable_token").status()).isEqualTo(405);
        assertThat(t.get("/sim/login").status()).isEqualTo(405);
        assertThat(t.delete("/sim/session").status()).isEqualTo(405);
    }

    @Test
    void trailingSlashAndLowerCaseMethodAreTolerated() {
        String code = t.login(APP_1, "alice");
        SimResponse r = t.sim.handle(SimRequest.of(
                "get",
                "sns/jscode2session/",
                TestSim.query("appid", APP_1, "secret", TestSim.secret(APP_1), "js_code", code)));

        success(r);
    }

    @Test
    void bodiesOverSixtyFourKibibytesAre413() {
        String big = "{\"appId\":\"" + APP_1 + "\",\"user\":\"a\",\"pad\":\"" + "x".repeat(70_000) + "\"}";

        SimResponse r = t.post("/sim/login", big);

        assertThat(r.status()).isEqualTo(413);
        assertThat(json(r).has("error")).isTrue();
    }

    @Test
    void resetForgetsCodesTokensKeysFlagsClockAndSettings() {
        String code = t.login(APP_1, "alice");
        String oldKey = t.session(APP_1, "alice").get("sessionKey").asString();
        String token = t.token(APP_1);
        t.post("/sim/risk", "{\"user\":\"alice\",\"risky\":true}");
        t.settings("{\"minuteLimit\":1,\"rotateSessionKey\":true}");
        t.advance(3600);
        t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"count\":5}");

        assertThat(t.post("/sim/reset", "").status()).isEqualTo(204);

        assertThat(json(t.get("/sim/stats"))
                        .get("calls")
                        .get("/sns/jscode2session")
                        .asInt())
                .isZero();

        assertThat(errcode(t.code2Session(APP_1, code))).isEqualTo(40029);
        assertThat(errcode(t.get("/wxa/checksession", "access_token", token, "openid", "x")))
                .isEqualTo(40001);
        String first = t.signIn(APP_1, "alice").get("session_key").asString();
        assertThat(first).isNotEqualTo(oldKey);
        assertThat(t.signIn(APP_1, "alice").get("session_key").asString()).isEqualTo(first); // no rotation, no limit
        String token2 = t.token(APP_1); // no fault left
        assertThat(success(t.get(
                                "/cgi-bin/token",
                                "grant_type",
                                "client_credential",
                                "appid",
                                APP_1,
                                "secret",
                                TestSim.secret(APP_1)))
                        .get("access_token")
                        .asString())
                .isNotEqualTo(token2);
        String phone = json(t.post("/sim/phone-code", "{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}"))
                .get("code")
                .asString();
        JsonNode info = success(t.post(
                        "/wxa/business/getuserphonenumber",
                        TestSim.query("access_token", token2),
                        "{\"code\":\"" + phone + "\"}"))
                .get("phone_info");
        assertThat(info.get("watermark").get("timestamp").asLong()).isEqualTo(TestSim.START.getEpochSecond());
    }

    @Test
    void simulatorNeverThrowsOnNullOrOddRequests() {
        assertThat(t.sim.handle(null).status()).isEqualTo(400);
        assertThat(t.sim.handle(new SimRequest("GET", null, "%zz&&=&a", null)).status())
                .isEqualTo(404);
        assertThat(errcode(t.sim.handle(SimRequest.of("GET", "/sns/jscode2session", "appid=%E4%zz&secret"))))
                .isEqualTo(41004);
    }
}
