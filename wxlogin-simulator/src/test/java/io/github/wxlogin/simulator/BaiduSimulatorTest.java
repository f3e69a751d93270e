package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Baidu in the simulator: {@code /baidu/oauth/jscode2sessionkey} with Baidu's form, field names and
 * {@code {errno, error, error_description}} errors, injected faults in that format, the {@code /sim/}
 * controls as Baidu's client answers them, and its open-data crypto against {@code testdata/baidu-vectors.json}.
 */
class BaiduSimulatorTest {

    private static final String APP = DemoApps.BAIDU_APP;
    private static final String APP_KEY = "simAppKey00000000000000020000001";

    private final TestSim t = new TestSim();

    private SimResponse exchange(String code, String clientId, String sk) {
        return t.sim.handle(new SimRequest(
                "POST",
                BaiduApi.JSCODE2SESSIONKEY,
                null,
                TestSim.query("code", code, "client_id", clientId, "sk", sk).getBytes(StandardCharsets.UTF_8)));
    }

    private SimResponse exchange(String code) {
        return exchange(code, APP_KEY, TestSim.secret(APP));
    }

    private static String error(SimResponse r) {
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("errno").isNumber()).isTrue();
        assertThat(body.get("error_description").asString()).isNotBlank();
        return body.get("error").asString();
    }

    @Test
    void theDemoAppsAppKeyIsDerivedFromItsAppIdAndAnAppKeyAppIdIsItsOwn() {
        assertThat(WeChatSimulator.baiduAppKey(APP)).isEqualTo(APP_KEY).hasSize(32);
        assertThat(WeChatSimulator.baiduAppKey("4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c"))
                .isEqualTo("4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c");
    }

    @Test
    void aCodeExchangesWithTheAppKeyForTheOpenidAndA24ByteSessionKeyAndNoUnionid() {
        String code = t.login(APP, "alice");
        assertThat(code).matches("[0-9a-f]{32}NW");

        JsonNode body = json(exchange(code));

        assertThat(body.get("openid").asString())
                .isEqualTo(BaiduState.openid(APP, "alice"))
                .hasSize(26);
        assertThat(Base64.getDecoder().decode(body.get("session_key").asString()))
                .hasSize(24);
        assertThat(body.has("unionid")).isFalse();
        assertThat(body.has("errno")).isFalse();
        JsonNode session = t.session(APP, "alice");
        assertThat(session.get("sessionKey").asString())
                .isEqualTo(body.get("session_key").asString());
        assertThat(session.get("unionid").isNull()).isTrue();
        assertThat(session.get("appKey").asString()).isEqualTo(APP_KEY);
    }

    @Test
    void theParametersMayComeInTheQueryStringToo() {
        String code = t.login(APP, "alice");

        SimResponse r = t.sim.handle(new SimRequest(
                "POST",
                BaiduApi.JSCODE2SESSIONKEY,
                TestSim.query("code", code, "client_id", APP_KEY, "sk", TestSim.secret(APP)),
                new byte[0]));

        assertThat(json(r).get("openid").asString()).isEqualTo(BaiduState.openid(APP, "alice"));
    }

    @Test
    void theSessionKeyStaysAcrossLogins() {
        String first = json(exchange(t.login(APP, "alice"))).get("session_key").asString();

        assertThat(json(exchange(t.login(APP, "alice"))).get("session_key").asString())
                .isEqualTo(first);
    }

    @Test
    void aSpentUnknownOrExpiredCodeIsInvalidGrant() {
        String code = t.login(APP, "alice");
        json(exchange(code));
        assertThat(error(exchange(code))).isEqualTo("invalid_grant");
        assertThat(error(exchange("0123456789abcdef0123456789abcdefNW"))).isEqualTo("invalid_grant");

        String late = t.login(APP, "bob");
        t.advance(10 * 60 + 1);
        assertThat(error(exchange(late))).isEqualTo("invalid_grant");
    }

    @Test
    void theAppIdInsteadOfTheAppKeyOrAWrongSecretIsInvalidClient() {
        assertThat(error(exchange(t.login(APP, "alice"), APP, TestSim.secret(APP))))
                .isEqualTo("invalid_client");
        assertThat(error(exchange(t.login(APP, "alice"), APP_KEY, "wrong-secret")))
                .isEqualTo("invalid_client");
    }

    @Test
    void aMissingParameterIsErrno10010100AsBaidusExample() {
        SimResponse r = exchange(t.login(APP, "alice"), null, TestSim.secret(APP));

        JsonNode body = json(r);
        assertThat(body.get("errno").asInt()).isEqualTo(10010100);
        assertThat(body.get("error").asString()).isEqualTo("parameter is invalid");
        assertThat(body.get("error_description").asString()).contains("Code2SessionKeyParam.ClientID");
    }

    @Test
    void anInjectedErrnoIsAnsweredInBaidusFormatAndCounted() {
        assertThat(t.post(
                                "/sim/faults",
                                "{\"path\":\"" + BaiduApi.JSCODE2SESSIONKEY + "\",\"errcode\":10010103,\"count\":1}")
                        .status())
                .isEqualTo(204);
        String code = t.login(APP, "alice");

        assertThat(error(exchange(code))).isEqualTo("temporarily_unavailable");
        assertThat(json(exchange(code)).get("openid").asString()).isEqualTo(BaiduState.openid(APP, "alice"));
        assertThat(json(t.get("/sim/stats"))
                        .get("calls")
                        .get(BaiduApi.JSCODE2SESSIONKEY)
                        .asInt())
                .isEqualTo(2);
        assertThat(json(BaiduError.injected(12345)).get("error").asString()).isEqualTo("server_error");
    }

    @Test
    void openDataIsBaidusDataAndIvUnderTheSessionKeyWithTheAppKeyTrailer() {
        SimResponse r = t.post(
                "/sim/open-data", "{\"appId\":\"" + APP + "\",\"user\":\"alice\",\"data\":{\"nickname\":\"小度\"}}");

        JsonNode body = json(r);
        String[] opened = BaiduCrypto.decrypt(
                t.session(APP, "alice").get("sessionKey").asString(),
                Base64.getDecoder().decode(body.get("iv").asString()),
                Base64.getDecoder().decode(body.get("data").asString()));
        assertThat(opened[0]).isEqualTo("{\"nickname\":\"小度\"}");
        assertThat(opened[1]).isEqualTo(APP_KEY);
        assertThat(Base64.getDecoder().decode(body.get("data").asString()).length % 32)
                .isZero();
    }

    @Test
    void thePhoneButtonGivesTheMobileEncryptedAndNoCode() {
        SimResponse r = t.post(
                "/sim/phone-code", "{\"appId\":\"" + APP + "\",\"user\":\"alice\",\"phoneNumber\":\"13800138000\"}");

        JsonNode body = json(r);
        assertThat(body.has("code")).isFalse();
        String[] opened = BaiduCrypto.decrypt(
                t.session(APP, "alice").get("sessionKey").asString(),
                Base64.getDecoder().decode(body.get("iv").asString()),
                Base64.getDecoder().decode(body.get("encryptedData").asString()));
        assertThat(opened[0]).isEqualTo("{\"mobile\":\"13800138000\"}");
        assertThat(t.post("/sim/phone-code", "{\"appId\":\"" + APP + "\",\"user\":\"alice\",\"countryCode\":\"852\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theSimulatorsCryptoOpensBaidusPublishedSampleAndTheDerivedVectors() {
        JsonNode file = vectors();
        for (String name : new String[] {"published", "openData", "phone", "otherApp"}) {
            JsonNode v = file.required(name);
            String[] opened = BaiduCrypto.decrypt(
                    v.required("sessionKey").stringValue(),
                    Base64.getDecoder().decode(v.required("iv").stringValue()),
                    Base64.getDecoder().decode(v.required("encryptedData").stringValue()));
            assertThat(opened[0]).as(name).isEqualTo(v.required("decryptedData").stringValue());
            assertThat(opened[1])
                    .as(name)
                    .isEqualTo(
                            v.has("trailer")
                                    ? v.required("trailer").stringValue()
                                    : v.required("appKey").stringValue());
        }
    }

    private static JsonNode vectors() {
        try (InputStream in = BaiduSimulatorTest.class.getResourceAsStream("/baidu-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("/baidu-vectors.json is not on the test classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
