package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PhoneNumberTest {

    private final TestSim t = new TestSim();

    private String phoneCode(String json) {
        SimResponse r = t.post("/sim/phone-code", json);
        assertThat(r.status()).isEqualTo(200);
        return json(r).get("code").asString();
    }

    private SimResponse exchange(String token, String code) {
        return t.post(
                "/wxa/business/getuserphonenumber",
                TestSim.query("access_token", token),
                "{\"code\":\"" + code + "\"}");
    }

    @Test
    void phoneCodeGivesTheUsersStableMainlandNumberWithAWatermark() {
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");
        t.advance(42);

        JsonNode body = success(exchange(t.token(APP_1), code));

        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
        JsonNode info = body.get("phone_info");
        String number = info.get("purePhoneNumber").asString();
        assertThat(number).matches("13[0-9]{9}").isEqualTo(Identities.phoneNumber("alice"));
        assertThat(info.get("phoneNumber").asString()).isEqualTo(number);
        assertThat(info.get("countryCode").asString()).isEqualTo("86");
        assertThat(info.get("watermark").get("appid").asString()).isEqualTo(APP_1);
        assertThat(info.get("watermark").get("timestamp").asLong()).isEqualTo(TestSim.START.getEpochSecond());
        assertThat(Identities.phoneNumber("bob")).isNotEqualTo(number);
    }

    @Test
    void foreignNumberCarriesItsCountryCodeInPhoneNumber() {
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\",\"phoneNumber\":\"2025550123\","
                + "\"countryCode\":\"1\"}");

        JsonNode info = success(exchange(t.token(APP_1), code)).get("phone_info");

        assertThat(info.get("phoneNumber").asString()).isEqualTo("+1 2025550123");
        assertThat(info.get("purePhoneNumber").asString()).isEqualTo("2025550123");
        assertThat(info.get("countryCode").asString()).isEqualTo("1");
    }

    @Test
    void givenMainlandNumberIsAnsweredAsGiven() {
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\",\"phoneNumber\":\"13800138000\","
                + "\"countryCode\":86}");

        JsonNode info = success(exchange(t.token(APP_1), code)).get("phone_info");

        assertThat(info.get("phoneNumber").asString()).isEqualTo("13800138000");
    }

    @Test
    void spentPhoneCodeIsAnswered40029AsWeChatDocuments() {
        String token = t.token(APP_1);
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");
        success(exchange(token, code));

        assertThat(errcode(exchange(token, code))).isEqualTo(40029);
    }

    @Test
    void phoneCodeLivesFiveMinutes() {
        String token = t.token(APP_1);
        String early = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");
        String late = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");
        t.advance(299);
        success(exchange(token, early));

        t.advance(1);

        assertThat(errcode(exchange(token, late))).isEqualTo(40029);
    }

    @Test
    void phoneCodeOfAnotherAppIsAnswered40029() {
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");

        assertThat(errcode(exchange(t.token(APP_2), code))).isEqualTo(40029);
        success(exchange(t.token(APP_1), code));
    }

    private SimResponse exchange(String token, String code, String openid) {
        return t.post(
                "/wxa/business/getuserphonenumber",
                TestSim.query("access_token", token),
                "{\"code\":\"" + code + "\",\"openid\":\"" + openid + "\"}");
    }

    @Test
    void theOpenidOfTheCodesUserIsAccepted() {
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");

        JsonNode info = success(exchange(t.token(APP_1), code, Identities.openid(APP_1, "alice")))
                .get("phone_info");

        assertThat(info.get("purePhoneNumber").asString()).isEqualTo(Identities.phoneNumber("alice"));
    }

    @Test
    void anotherUsersOpenidIsAnswered40029AndLeavesTheCodeToItsUser() {
        String token = t.token(APP_1);
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");

        assertThat(errcode(exchange(token, code, Identities.openid(APP_1, "bob"))))
                .isEqualTo(40029);
        // alice's openid in another app is not her openid here either.
        assertThat(errcode(exchange(token, code, Identities.openid(APP_2, "alice"))))
                .isEqualTo(40029);

        success(exchange(token, code, Identities.openid(APP_1, "alice")));
        assertThat(errcode(exchange(token, code, Identities.openid(APP_1, "alice"))))
                .isEqualTo(40029);
    }

    @Test
    void anOpenidThatIsNotAStringIs47001() {
        String token = t.token(APP_1);
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");

        assertThat(errcode(t.post(
                        "/wxa/business/getuserphonenumber",
                        TestSim.query("access_token", token),
                        "{\"code\":\"" + code + "\",\"openid\":42}")))
                .isEqualTo(47001);
        // Without an openid nothing is checked, as WeChat documents the field optional.
        success(exchange(token, code));
    }

    @Test
    void aSpentPhoneQuotaCanBeInjectedAs1400001() {
        String token = t.token(APP_1);
        String code = phoneCode("{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}");
        SimResponse fault = t.post(
                "/sim/faults", "{\"path\":\"/wxa/business/getuserphonenumber\",\"errcode\":1400001,\"count\":1}");
        assertThat(fault.status()).isEqualTo(204);

        SimResponse refused = exchange(token, code, Identities.openid(APP_1, "alice"));

        assertThat(errcode(refused)).isEqualTo(1400001);
        assertThat(json(refused).get("errmsg").asString()).startsWith("phone number quota of this app is used up");
        success(exchange(token, code, Identities.openid(APP_1, "alice")));
    }

    @Test
    void unknownPhoneCodeIsAnswered40029() {
        assertThat(errcode(exchange(t.token(APP_1), "e31968a7f94cc5ee25fafc2aef2773f0")))
                .isEqualTo(40029);
    }

    @Test
    void malformedPhoneRequestsAreRefused() {
        String token = t.token(APP_1);
        String q = TestSim.query("access_token", token);

        assertThat(errcode(t.post("/wxa/business/getuserphonenumber", q, "{}"))).isEqualTo(41008);
        assertThat(errcode(t.post("/wxa/business/getuserphonenumber", q, "{\"code\":\"\"}")))
                .isEqualTo(41008);
        assertThat(errcode(t.post("/wxa/business/getuserphonenumber", q, "{\"code\":5}")))
                .isEqualTo(47001);
        assertThat(errcode(t.post("/wxa/business/getuserphonenumber", q, "code=abc")))
                .isEqualTo(47001);
    }

    @Test
    void phoneCodeControlRefusesBadNumbers() {
        assertThat(t.post("/sim/phone-code", "{\"appId\":\"" + APP_1 + "\",\"user\":\"a\",\"phoneNumber\":\"+86 138\"}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/phone-code", "{\"appId\":\"" + APP_1 + "\",\"user\":\"a\",\"countryCode\":\"x1\"}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/phone-code", "{\"appId\":\"wxnope\",\"user\":\"a\"}")
                        .status())
                .isEqualTo(404);
    }
}
