package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Douyin: code2Session v2 with codes and anonymous codes, the client token and
 * get_phonenumber_info under {@code /douyin}, the {@code /sim/} controls in Douyin's own form, and its
 * crypto pinned to the vectors derived from Douyin's documented algorithms.
 */
class DouyinSimulatorTest {

    static final String DY_1 = DemoApps.DOUYIN_1;
    static final String DY_2 = DemoApps.DOUYIN_2;

    private final TestSim t = new TestSim();

    private JsonNode control(String path, Map<String, ?> body) {
        SimResponse r = t.post(path, Json.text(Json.MAPPER.valueToTree(body)));
        assertThat(r.status()).as("%s %s", path, r.bodyText()).isEqualTo(200);
        return Json.MAPPER.readTree(r.bodyText());
    }

    private JsonNode login(String appId, String user, String device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        if (device != null) {
            body.put("device", device);
        }
        return control("/sim/login", body);
    }

    private JsonNode code2Session(String appId, String secret, String code, String anonymousCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", appId);
        body.put("secret", secret);
        if (code != null) {
            body.put("code", code);
        }
        if (anonymousCode != null) {
            body.put("anonymous_code", anonymousCode);
        }
        SimResponse r = t.post("/douyin/api/apps/v2/jscode2session", Json.text(Json.MAPPER.valueToTree(body)));
        assertThat(r.status()).isEqualTo(200);
        return Json.MAPPER.readTree(r.bodyText());
    }

    private JsonNode code2Session(String appId, String code, String anonymousCode) {
        return code2Session(appId, TestSim.secret(appId), code, anonymousCode);
    }

    private String clientToken(String appId) {
        SimResponse r = t.post(
                "/douyin/oauth/client_token",
                "{\"client_key\":\"" + appId + "\",\"client_secret\":\"" + TestSim.secret(appId)
                        + "\",\"grant_type\":\"client_credential\"}");
        JsonNode data = Json.MAPPER.readTree(r.bodyText()).get("data");
        assertThat(data.get("error_code").asInt()).isZero();
        assertThat(data.get("expires_in").asLong()).isEqualTo(7200);
        return data.get("access_token").asString();
    }

    private JsonNode phoneNumber(String token, String code) {
        SimResponse r = t.sim.handle(new SimRequest(
                "POST",
                "/douyin/api/apps/v1/get_phonenumber_info/",
                null,
                ("{\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("Access-Token", token)));
        assertThat(r.status()).isEqualTo(200);
        return Json.MAPPER.readTree(r.bodyText());
    }

    @Test
    void aLoggedInUsersLoginGivesBothCodesAndAVisitorsOnlyTheAnonymousOne() {
        JsonNode real = login(DY_1, "alice", null);
        JsonNode visitor = control("/sim/login", Map.of("appId", DY_1, "user", "phone-1", "anonymous", true));

        assertThat(real.get("code").asString()).isNotBlank();
        assertThat(real.get("anonymousCode").asString()).isNotBlank();
        assertThat(visitor.has("code")).isFalse();
        assertThat(visitor.get("anonymousCode").asString()).isNotBlank();
    }

    @Test
    void code2SessionAnswersTheUserForACodeAndTheDeviceForAnAnonymousCode() {
        JsonNode codes = login(DY_1, "alice", "alices-phone");
        JsonNode held = Json.MAPPER.readTree(
                t.get("/sim/session", "appId", DY_1, "user", "alice").bodyText());

        JsonNode answer = code2Session(
                DY_1, codes.get("code").asString(), codes.get("anonymousCode").asString());

        assertThat(answer.get("err_no").asInt()).isZero();
        assertThat(answer.get("err_tips").asString()).isEqualTo("success");
        assertThat(answer.get("log_id").asString()).matches("\\d{14}[0-9A-F]{20}");
        JsonNode data = answer.get("data");
        assertThat(data.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(data.get("unionid").asString()).isEqualTo(held.get("unionid").asString());
        assertThat(data.get("session_key").asString())
                .isEqualTo(held.get("sessionKey").asString());
        assertThat(Base64.getDecoder().decode(data.get("session_key").asString()))
                .hasSize(16);
        assertThat(data.get("anonymous_openid").asString())
                .isNotEqualTo(held.get("anonymousOpenid").asString())
                .as("the anonymous_openid is the device's, the same for any user on it")
                .isEqualTo(code2Session(
                                DY_1,
                                null,
                                login(DY_1, "bob", "alices-phone")
                                        .get("anonymousCode")
                                        .asString())
                        .get("data")
                        .get("anonymous_openid")
                        .asString());
    }

    @Test
    void anAnonymousCodeAloneGivesNoSessionKeyOpenidOrUnionid() {
        String anonymousCode = login(DY_1, "carol", null).get("anonymousCode").asString();

        JsonNode data = code2Session(DY_1, null, anonymousCode).get("data");

        assertThat(data.get("anonymous_openid").asString()).startsWith("_000");
        assertThat(data.get("openid").asString()).isEmpty();
        assertThat(data.get("session_key").asString()).isEmpty();
        assertThat(data.get("unionid").asString()).isEmpty();
    }

    @Test
    void eachCodeIsGoodOnceAndEveryRefusalHasDouyinsCode() {
        JsonNode codes = login(DY_1, "dave", null);
        String code = codes.get("code").asString();
        String anonymousCode = codes.get("anonymousCode").asString();
        assertThat(code2Session(DY_1, code, anonymousCode).get("err_no").asInt())
                .isZero();

        assertThat(code2Session(DY_1, code, null).get("err_no").asInt()).isEqualTo(40018);
        assertThat(code2Session(DY_1, null, anonymousCode).get("err_no").asInt())
                .isEqualTo(40019);
        assertThat(code2Session(DY_2, login(DY_1, "dave", null).get("code").asString(), null)
                        .get("err_no")
                        .asInt())
                .as("another app's code")
                .isEqualTo(40018);
        assertThat(code2Session(DY_1, null, null).get("err_no").asInt()).isEqualTo(40014);
        assertThat(code2Session("tt9999999999999999", "s", "c", null)
                        .get("err_no")
                        .asInt())
                .isEqualTo(40015);
        assertThat(code2Session(DemoApps.APP_1, TestSim.secret(DemoApps.APP_1), "c", null)
                        .get("err_no")
                        .asInt())
                .as("a WeChat app is no Douyin app")
                .isEqualTo(40015);
        JsonNode wrongSecret = code2Session(
                DY_1, "wrong", login(DY_1, "dave", null).get("code").asString(), null);
        assertThat(wrongSecret.get("err_no").asInt()).isEqualTo(40017);
        assertThat(wrongSecret.get("err_tips").asString()).isEqualTo("bad secret");
    }

    @Test
    void theUnionidIsOnePerUserInTheGroupAndAnotherOutsideIt() {
        JsonNode one = Json.MAPPER.readTree(
                t.get("/sim/session", "appId", DY_1, "user", "erin").bodyText());
        JsonNode two = Json.MAPPER.readTree(
                t.get("/sim/session", "appId", DY_2, "user", "erin").bodyText());
        TestSim alone = new TestSim(SimulatorSettings.defaults(SimApps.parse("douyin:tt1:s1:g1,douyin:tt2:s2")));
        JsonNode grouped = Json.MAPPER.readTree(
                alone.get("/sim/session", "appId", "tt1", "user", "erin").bodyText());
        JsonNode ungrouped = Json.MAPPER.readTree(
                alone.get("/sim/session", "appId", "tt2", "user", "erin").bodyText());

        assertThat(two.get("unionid")).isEqualTo(one.get("unionid"));
        assertThat(two.get("openid")).isNotEqualTo(one.get("openid"));
        assertThat(grouped.get("unionid")).isNotEqualTo(one.get("unionid"));
        assertThat(ungrouped.get("unionid")).isNotEqualTo(grouped.get("unionid"));
    }

    @Test
    void theClientTokenRefusesWrongParametersUnknownKeysAndWrongSecretsInItsOwnFormat() {
        for (Map.Entry<String, Integer> c : Map.of(
                        "{\"client_key\":\"" + DY_1 + "\",\"client_secret\":\"x\",\"grant_type\":\"password\"}",
                        10002,
                        "{\"client_key\":\"tt9\",\"client_secret\":\"x\",\"grant_type\":\"client_credential\"}",
                        10003,
                        "{\"client_key\":\"" + DY_1
                                + "\",\"client_secret\":\"x\",\"grant_type\":\"client_credential\"}",
                        10013)
                .entrySet()) {
            JsonNode answer = Json.MAPPER.readTree(
                    t.post("/douyin/oauth/client_token", c.getKey()).bodyText());
            assertThat(answer.get("message").asString()).isEqualTo("error");
            assertThat(answer.get("data").get("error_code").asInt()).isEqualTo(c.getValue());
            assertThat(answer.get("data").get("description").asString()).isNotBlank();
        }
    }

    @Test
    void thePhoneNumberIsRsaPkcs1UnderTheUploadedPublicKeyAndItsCodeGoodOnce() throws Exception {
        JsonNode vector = DouyinVectors.PHONE_CODE;
        assertThat(t.post(
                                "/sim/douyin/keys",
                                Json.text(Json.MAPPER.valueToTree(
                                        Map.of("appId", DY_1, "publicKey", DouyinVectors.text(vector, "publicKey")))))
                        .status())
                .isEqualTo(204);
        String code = control("/sim/phone-code", Map.of("appId", DY_1, "user", "frank", "phoneNumber", "13800138000"))
                .get("code")
                .asString();
        String token = clientToken(DY_1);

        JsonNode answer = phoneNumber(token, code);

        assertThat(answer.get("err_no").asInt()).isZero();
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, privateKey(DouyinVectors.text(vector, "privateKeyPkcs8")));
        JsonNode phone = Json.MAPPER.readTree(new String(
                rsa.doFinal(Base64.getDecoder().decode(answer.get("data").asString())), StandardCharsets.UTF_8));
        assertThat(phone.get("phoneNumber").asString()).isEqualTo("13800138000");
        assertThat(phone.get("purePhoneNumber").asString()).isEqualTo("13800138000");
        assertThat(phone.get("countryCode").asString()).isEqualTo("86");
        assertThat(phone.get("watermark").get("appid").asString()).isEqualTo(DY_1);
        assertThat(phoneNumber(token, code).get("err_no").asInt()).as("spent").isEqualTo(28005187);
        assertThat(Json.MAPPER
                        .readTree(t.get("/sim/douyin/keys", "appId", DY_1).bodyText())
                        .get("privateKey")
                        .isNull())
                .isTrue();
    }

    @Test
    void thePhoneNumberWantsAClientTokenOfTheCodesApp() {
        String code = control("/sim/phone-code", Map.of("appId", DY_1, "user", "grace"))
                .get("code")
                .asString();

        assertThat(phoneNumber("clt.not-a-token", code).get("err_no").asInt()).isEqualTo(28001003);
        assertThat(phoneNumber(clientToken(DY_2), code).get("err_no").asInt()).isEqualTo(28005187);
        assertThat(phoneNumber(clientToken(DY_1), code).get("err_no").asInt()).isZero();
    }

    @Test
    void theKeyPairShownOpensWhatTheSimulatorEncryptsAndOutlivesAReset() throws Exception {
        JsonNode keys =
                Json.MAPPER.readTree(t.get("/sim/douyin/keys", "appId", DY_2).bodyText());
        t.post("/sim/reset", "{}");
        String code = control("/sim/phone-code", Map.of("appId", DY_2, "user", "heidi"))
                .get("code")
                .asString();

        JsonNode answer = phoneNumber(clientToken(DY_2), code);

        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, privateKey(keys.get("privateKey").asString()));
        assertThat(new String(
                        rsa.doFinal(
                                Base64.getDecoder().decode(answer.get("data").asString())),
                        StandardCharsets.UTF_8))
                .contains("\"appid\":\"" + DY_2 + "\"");
        assertThat(keys.get("publicKey").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(t.sim.douyinPrivateKey(DY_2)).hasValue(keys.get("privateKey").asString());
        assertThat(t.sim.douyinPrivateKey(DemoApps.APP_1)).isEmpty();
    }

    @Test
    void thePhoneButtonsOlderFormAndOpenDataAreUnderTheSessionKeyWithAWatermark() {
        String sessionKey = Json.MAPPER
                .readTree(t.get("/sim/session", "appId", DY_1, "user", "ivan").bodyText())
                .get("sessionKey")
                .asString();
        JsonNode button =
                control("/sim/phone-code", Map.of("appId", DY_1, "user", "ivan", "phoneNumber", "13900000001"));
        JsonNode data =
                control("/sim/open-data", Map.of("appId", DY_1, "user", "ivan", "data", Map.of("nickName", "Ivan")));

        JsonNode phone = Json.MAPPER.readTree(SimCrypto.decryptOpenData(
                sessionKey,
                Base64.getDecoder().decode(button.get("iv").asString()),
                Base64.getDecoder().decode(button.get("encryptedData").asString())));
        JsonNode open = Json.MAPPER.readTree(SimCrypto.decryptOpenData(
                sessionKey,
                Base64.getDecoder().decode(data.get("iv").asString()),
                Base64.getDecoder().decode(data.get("encryptedData").asString())));

        assertThat(phone.get("purePhoneNumber").asString()).isEqualTo("13900000001");
        assertThat(phone.get("watermark").get("appid").asString()).isEqualTo(DY_1);
        assertThat(open.get("nickName").asString()).isEqualTo("Ivan");
        assertThat(open.get("watermark").get("appid").asString()).isEqualTo(DY_1);
        assertThat(data.get("signature").asString())
                .isEqualTo(SimCrypto.rawDataSignature(data.get("rawData").asString(), sessionKey));
    }

    @Test
    void theSimulatorsOpenDataCryptoMatchesTheHandDerivedVectors() {
        JsonNode v = DouyinVectors.OPEN_DATA;
        String sessionKey = DouyinVectors.text(v, "sessionKey");
        byte[] iv = Base64.getDecoder().decode(DouyinVectors.text(v, "iv"));

        assertThat(SimCrypto.decryptOpenData(
                        sessionKey, iv, Base64.getDecoder().decode(DouyinVectors.text(v, "encryptedData"))))
                .isEqualTo(DouyinVectors.text(v, "decryptedData"));
        assertThat(Base64.getEncoder()
                        .encodeToString(
                                SimCrypto.encryptOpenData(sessionKey, iv, DouyinVectors.text(v, "decryptedData"))))
                .isEqualTo(DouyinVectors.text(v, "encryptedData"));
        assertThat(SimCrypto.rawDataSignature(DouyinVectors.text(v, "rawData"), sessionKey))
                .isEqualTo(DouyinVectors.text(v, "signature"));
    }

    @Test
    void injectedErrorsAnswerInDouyinsFormats() {
        t.post("/sim/faults", "{\"path\":\"/douyin/api/apps/v2/jscode2session\",\"errcode\":-1,\"count\":1}");
        t.post("/sim/faults", "{\"path\":\"/douyin/oauth/client_token\",\"errcode\":10020,\"count\":1}");
        t.post(
                "/sim/faults",
                "{\"path\":\"/douyin/api/apps/v1/get_phonenumber_info\",\"errcode\":28001005,\"count\":1}");

        JsonNode login = code2Session(DY_1, "c", null);
        JsonNode token =
                Json.MAPPER.readTree(t.post("/douyin/oauth/client_token", "{}").bodyText());
        JsonNode phone = phoneNumber("clt.x", "c");

        assertThat(login.get("err_no").asInt()).isEqualTo(-1);
        assertThat(login.get("err_tips").asString()).isEqualTo("system error");
        assertThat(token.get("data").get("error_code").asInt()).isEqualTo(10020);
        assertThat(phone.get("err_no").asInt()).isEqualTo(28001005);
        JsonNode stats = Json.MAPPER.readTree(t.get("/sim/stats").bodyText()).get("calls");
        assertThat(stats.get("/douyin/api/apps/v2/jscode2session").asInt()).isEqualTo(1);
        assertThat(stats.get("/douyin/api/apps/v1/get_phonenumber_info").asInt())
                .isEqualTo(1);
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
