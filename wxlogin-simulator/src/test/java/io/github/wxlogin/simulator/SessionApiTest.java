package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionApiTest {

    private final TestSim t = new TestSim();

    private SimResponse check(String path, String token, String openid, String signature, String sigMethod) {
        return t.get(path, "access_token", token, "openid", openid, "signature", signature, "sig_method", sigMethod);
    }

    @Test
    void checkSessionAcceptsTheSignatureOfTheCurrentSessionKey() {
        JsonNode login = t.signIn(APP_1, "alice");
        String signature = JdkCrypto.hmacSha256Hex(login.get("session_key").asString(), "");

        JsonNode body = success(
                check("/wxa/checksession", t.token(APP_1), login.get("openid").asString(), signature, "hmac_sha256"));

        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
    }

    @Test
    void checkSessionRefusesAWrongSignatureWith87009() {
        JsonNode login = t.signIn(APP_1, "alice");
        String wrong = JdkCrypto.hmacSha256Hex("AAAAAAAAAAAAAAAAAAAAAA==", "");

        SimResponse r =
                check("/wxa/checksession", t.token(APP_1), login.get("openid").asString(), wrong, "hmac_sha256");

        assertThat(errcode(r)).isEqualTo(87009);
        assertThat(json(r).get("errmsg").asString()).startsWith("invalid signature, rid: ");
    }

    @Test
    void checkSessionRefusesAnUnsupportedSigMethodWith87009() {
        JsonNode login = t.signIn(APP_1, "alice");
        String signature = JdkCrypto.hmacSha256Hex(login.get("session_key").asString(), "");

        assertThat(errcode(check(
                        "/wxa/checksession", t.token(APP_1), login.get("openid").asString(), signature, "md5")))
                .isEqualTo(87009);
    }

    @Test
    void unknownOpenidIsAnswered40003() {
        SimResponse r = check("/wxa/checksession", t.token(APP_1), "oNotAUser000000000000000000", "00", "hmac_sha256");

        assertThat(errcode(r)).isEqualTo(40003);
        assertThat(json(r).get("errmsg").asString()).startsWith("invalid openid, rid: ");
    }

    @Test
    void openidOfAnotherAppIsAnswered40003() {
        JsonNode login = t.signIn(APP_1, "alice");
        String signature = JdkCrypto.hmacSha256Hex(login.get("session_key").asString(), "");

        assertThat(errcode(check(
                        "/wxa/checksession", t.token(APP_2), login.get("openid").asString(), signature, "hmac_sha256")))
                .isEqualTo(40003);
    }

    @Test
    void resetUserSessionKeyGivesANewKeyAndRetiresTheOld() {
        JsonNode login = t.signIn(APP_1, "alice");
        String openid = login.get("openid").asString();
        String oldKey = login.get("session_key").asString();
        String token = t.token(APP_1);

        JsonNode reset = success(
                check("/wxa/resetusersessionkey", token, openid, JdkCrypto.hmacSha256Hex(oldKey, ""), "hmac_sha256"));

        String newKey = reset.get("session_key").asString();
        assertThat(reset.get("errmsg").asString()).isEqualTo("ok");
        assertThat(reset.get("openid").asString()).isEqualTo(openid);
        assertThat(newKey).hasSize(24).isNotEqualTo(oldKey);
        assertThat(t.session(APP_1, "alice").get("sessionKey").asString()).isEqualTo(newKey);
        assertThat(errcode(
                        check("/wxa/checksession", token, openid, JdkCrypto.hmacSha256Hex(oldKey, ""), "hmac_sha256")))
                .isEqualTo(87009);
        success(check("/wxa/checksession", token, openid, JdkCrypto.hmacSha256Hex(newKey, ""), "hmac_sha256"));
        assertThat(t.signIn(APP_1, "alice").get("session_key").asString()).isEqualTo(newKey);
    }

    @Test
    void resetUserSessionKeyNeedsAValidSignature() {
        JsonNode login = t.signIn(APP_1, "alice");

        assertThat(errcode(check(
                        "/wxa/resetusersessionkey",
                        t.token(APP_1),
                        login.get("openid").asString(),
                        "00",
                        "hmac_sha256")))
                .isEqualTo(87009);
        assertThat(t.session(APP_1, "alice").get("sessionKey").asString())
                .isEqualTo(login.get("session_key").asString());
    }
}
