package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.AlipayTestGateway.oauthParams;
import static io.github.wxlogin.simulator.AlipayTestGateway.post;
import static io.github.wxlogin.simulator.AlipayTestGateway.publicKey;
import static io.github.wxlogin.simulator.AlipayTestGateway.signOf;
import static io.github.wxlogin.simulator.AlipayTestGateway.signedText;
import static io.github.wxlogin.simulator.AlipayTestGateway.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulated Alipay gateway, driven as a developer's server drives the real one: requests signed
 * with the app's private key, answers checked with Alipay's public key over their exact text.
 */
class AlipayGatewayTest {

    static final String APP = DemoApps.ALIPAY_APP;
    static final String OTHER_APP = "2021000000000002";
    /** 16:00 UTC is midnight in Beijing; the gateway reads Beijing time. */
    static final String NOW = "2026-03-02 16:00:00";

    final TestSim t = new TestSim(SimulatorSettings.defaults(
                    SimApps.parse("alipay:" + APP + ":unused,alipay:" + OTHER_APP + ":unused,wx0000000000000001:s"))
            .withClock(Clock.fixed(TestSim.START, ZoneOffset.UTC)));

    @Test
    void aSignedRequestWithAFreshAuthCodeGivesTheUserIdSignedByAlipay() {
        String code = authCode(APP, "alice");

        SimResponse r = post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP));

        String text = signedText(r, "alipay_system_oauth_token_response");
        assertThat(verifies(text, signOf(r), alipayPublicKey(APP))).isTrue();
        JsonNode answer = TestSim.json(r).get("alipay_system_oauth_token_response");
        assertThat(answer.get("user_id").asString())
                .isEqualTo(AlipayIds.userId("alice"))
                .startsWith("2088")
                .hasSize(16);
        assertThat(answer.has("open_id")).isFalse();
        assertThat(answer.get("access_token").asString()).isNotBlank();
        assertThat(answer.get("refresh_token").asString()).isNotBlank();
        JsonNode session = t.session(APP, "alice");
        assertThat(session.get("accessToken").asString())
                .isEqualTo(answer.get("access_token").asString());
        assertThat(session.get("openid").asString())
                .isEqualTo(answer.get("user_id").asString());
        assertThat(session.get("sessionKey").isNull()).isTrue();
        assertThat(session.get("unionid").isNull()).isTrue();
    }

    @Test
    void anAuthCodeIsGoodOnceAndForItsOwnAppOnly() {
        String code = authCode(APP, "bob");
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP))))
                .isNull();

        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP))))
                .isEqualTo("isv.code-invalid");
        String other = authCode(OTHER_APP, "bob");
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, other), appPrivateKey(APP))))
                .isEqualTo("isv.code-invalid");
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, "00000000000000000000000000000000"), appPrivateKey(APP))))
                .isEqualTo("isv.code-invalid");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsInvalidSignatureQuotingWhatTheGatewayVerified() {
        KeyPair stranger = AlipaySimCrypto.newRsaKeyPair();
        Map<String, String> params = oauthParams(APP, NOW, authCode(APP, "carol"));

        SimResponse r = post(t.sim, params, stranger.getPrivate());

        JsonNode error = errorResponse(r);
        assertThat(error.get("code").asString()).isEqualTo("40002");
        assertThat(error.get("sub_code").asString()).isEqualTo("isv.invalid-signature");
        assertThat(error.get("sub_msg").asString()).endsWith(AlipayTestGateway.content(params));
        // The code was not spent: the request never got past the signature.
        assertThat(subCode(post(t.sim, params, appPrivateKey(APP)))).isNull();
    }

    @Test
    void anUnsignedRequestOrOneMissingACommonParameterIsMissingRequiredArguments() {
        Map<String, String> params = oauthParams(APP, NOW, authCode(APP, "dave"));
        assertThat(subCode(post(t.sim, params, null))).isEqualTo("isv.missing-signature");

        params.remove("timestamp");
        SimResponse r = post(t.sim, params, appPrivateKey(APP));
        assertThat(errorResponse(r).get("code").asString()).isEqualTo("40001");
        assertThat(errorResponse(r).get("sub_code").asString()).isEqualTo("isv.missing-timestamp");
    }

    @Test
    void anUnknownAppIdIsRefusedUnsignedAsAlipayHasNoKeyToSignWith() {
        SimResponse r = post(t.sim, oauthParams("2021999999999999", NOW, "x"), appPrivateKey(APP));

        assertThat(subCode(r)).isEqualTo("isv.invalid-app-id");
        assertThat(signOf(r)).isNull();
        assertThat(subCode(post(t.sim, oauthParams("wx0000000000000001", NOW, "x"), appPrivateKey(APP))))
                .as("a WeChat app is no Alipay app")
                .isEqualTo("isv.invalid-app-id");
    }

    @Test
    void aBadTimestampSignTypeMethodOrGrantTypeIsInvalidArguments() {
        String code = authCode(APP, "erin");
        Map<String, String> p = oauthParams(APP, "2026/03/02 16:00:00", code);
        assertThat(subCode(post(t.sim, p, appPrivateKey(APP)))).isEqualTo("isv.invalid-timestamp");
        p = oauthParams(APP, NOW, code);
        p.put("sign_type", "RSA");
        assertThat(subCode(post(t.sim, p, appPrivateKey(APP)))).isEqualTo("isv.invalid-signature-type");
        p = oauthParams(APP, NOW, code);
        p.put("method", "alipay.user.info.share");
        assertThat(subCode(post(t.sim, p, appPrivateKey(APP)))).isEqualTo("isv.invalid-method");
        p = oauthParams(APP, NOW, code);
        p.put("grant_type", "client_credential");
        assertThat(subCode(post(t.sim, p, appPrivateKey(APP)))).isEqualTo("isv.grant-type-invalid");
    }

    @Test
    void anAppInOpenidModeGetsItsOwnOpenIdInsteadOfTheUserId() {
        assertThat(t.post("/sim/alipay/keys", "{\"appId\":\"" + OTHER_APP + "\",\"idMode\":\"open_id\"}")
                        .status())
                .isEqualTo(200);

        SimResponse r =
                post(t.sim, oauthParams(OTHER_APP, NOW, authCode(OTHER_APP, "frank")), appPrivateKey(OTHER_APP));

        JsonNode answer = TestSim.json(r).get("alipay_system_oauth_token_response");
        assertThat(answer.has("user_id")).isFalse();
        assertThat(answer.get("open_id").asString())
                .isEqualTo(AlipayIds.openId(OTHER_APP, "frank"))
                .isNotEqualTo(AlipayIds.openId(APP, "frank"));
        assertThat(t.session(OTHER_APP, "frank").get("openid").asString())
                .isEqualTo(answer.get("open_id").asString());
    }

    @Test
    void aTestsOwnAppKeyReplacesTheGeneratedOneAndThePrivateHalfIsNoLongerShown() {
        KeyPair own = AlipaySimCrypto.newRsaKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(own.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        JsonNode keys = TestSim.json(t.post(
                "/sim/alipay/keys",
                "{\"appId\":\"" + APP + "\",\"appPublicKey\":" + Json.MAPPER.writeValueAsString(pem) + "}"));

        assertThat(keys.get("appPrivateKey").isNull()).isTrue();
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, authCode(APP, "gina")), own.getPrivate())))
                .isNull();
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, authCode(APP, "gina")), appPrivateKey(OTHER_APP))))
                .isEqualTo("isv.invalid-signature");
    }

    @Test
    void anInjectedFaultIsAlipaysSignedErrorOfThatCodeAndEveryCallIsCounted() {
        assertThat(t.post("/sim/faults", "{\"path\":\"/alipay/gateway.do\",\"errcode\":20000,\"count\":1}")
                        .status())
                .isEqualTo(204);
        String code = authCode(APP, "hank");

        SimResponse r = post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP));

        JsonNode error = errorResponse(r);
        assertThat(error.get("code").asString()).isEqualTo("20000");
        assertThat(error.get("sub_code").asString()).isEqualTo("isp.unknow-error");
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP))))
                .as("the faulted call never reached the code")
                .isNull();
        JsonNode stats = TestSim.json(t.get("/sim/stats"));
        assertThat(stats.get("calls").get("/alipay/gateway.do").asInt()).isEqualTo(2);
    }

    @Test
    void thePhoneAnswerIsTheNumberEncryptedUnderTheContentKeyAndSignedWithItsQuotes() {
        SimResponse r = t.post(
                "/sim/phone-code", "{\"appId\":\"" + APP + "\",\"user\":\"ivy\",\"phoneNumber\":\"13912345678\"}");

        JsonNode phone = TestSim.json(r);
        String response = phone.get("response").asString();
        assertThat(verifies("\"" + response + "\"", phone.get("sign").asString(), alipayPublicKey(APP)))
                .isTrue();
        byte[] contentKey =
                Base64.getDecoder().decode(keys(APP).get("contentKey").asString());
        JsonNode plain = Json.MAPPER.readTree(AlipaySimCrypto.decryptContent(contentKey, response));
        assertThat(plain.get("code").asString()).isEqualTo("10000");
        assertThat(plain.get("mobile").asString()).isEqualTo("13912345678");
        JsonNode message = Json.MAPPER.readTree(phone.get("fullResponse").asString());
        assertThat(message.get("response").asString()).isEqualTo(response);
        assertThat(message.get("sign_type").asString()).isEqualTo("RSA2");
        assertThat(message.get("encrypt_type").asString()).isEqualTo("AES");
    }

    @Test
    void alipayHasNoOpenDataUnderASessionKey() {
        assertThat(t.post("/sim/open-data", "{\"appId\":\"" + APP + "\",\"user\":\"jo\",\"data\":{}}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resetForgetsCodesAndTokensButKeepsTheKeys() {
        String key = keys(APP).get("appPrivateKey").asString();
        String code = authCode(APP, "kim");
        post(t.sim, oauthParams(APP, NOW, authCode(APP, "kim")), appPrivateKey(APP));

        assertThat(t.post("/sim/reset", "{}").status()).isEqualTo(204);

        assertThat(keys(APP).get("appPrivateKey").asString()).isEqualTo(key);
        assertThat(t.session(APP, "kim").get("accessToken").isNull()).isTrue();
        assertThat(subCode(post(t.sim, oauthParams(APP, NOW, code), appPrivateKey(APP))))
                .isEqualTo("isv.code-invalid");
    }

    @Test
    void keysAreForAlipayAppsOnly() {
        assertThat(t.get("/sim/alipay/keys", "appId", "wx0000000000000001").status())
                .isEqualTo(400);
        assertThat(t.get("/sim/alipay/keys", "appId", "nope").status()).isEqualTo(404);
        assertThat(t.post("/sim/alipay/keys", "{\"appId\":\"" + APP + "\",\"contentKey\":\"AAAA\"}")
                        .status())
                .isEqualTo(400);
    }

    private String authCode(String appId, String user) {
        JsonNode login = TestSim.json(t.post("/sim/login", "{\"appId\":\"" + appId + "\",\"user\":\"" + user + "\"}"));
        assertThat(login.get("authCode").asString())
                .isEqualTo(login.get("code").asString())
                .matches("[0-9a-f]{32}");
        return login.get("code").asString();
    }

    private JsonNode keys(String appId) {
        SimResponse r = t.get("/sim/alipay/keys", "appId", appId);
        assertThat(r.status()).isEqualTo(200);
        return TestSim.json(r);
    }

    private PrivateKey appPrivateKey(String appId) {
        return AlipayTestGateway.privateKey(keys(appId).get("appPrivateKey").asString());
    }

    private PublicKey alipayPublicKey(String appId) {
        return publicKey(keys(appId).get("alipayPublicKey").asString());
    }

    /** The signed error's object; its signature checked. */
    private JsonNode errorResponse(SimResponse r) {
        String text = signedText(r, "error_response");
        String sign = signOf(r);
        if (sign != null) {
            assertThat(verifies(text, sign, alipayPublicKey(APP)))
                    .as("error signed by Alipay")
                    .isTrue();
        }
        return Json.MAPPER.readTree(text);
    }

    /** The error's sub_code, or null for a success. */
    private String subCode(SimResponse r) {
        JsonNode body = TestSim.json(r);
        if (body.has("alipay_system_oauth_token_response")) {
            return null;
        }
        return errorResponse(r).get("sub_code").asString();
    }
}
