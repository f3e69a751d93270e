package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone} and {@code POST /v1/me/decrypt} for a Kuaishou app over real HTTP, the data
 * made by the simulator as Kuaishou's client gives it. Kuaishou's phone button gives encryptedData and
 * iv only ({@code phoneNumber} and {@code countryCode} under the session_key, no watermark): that form
 * binds the number, and a phone code is {@code unsupported} without asking any platform. Open data
 * decrypts under the user's Kuaishou session_key without a watermark (the key ties it to the user in
 * the app); data under another key, of another user or naming another app is {@code session_key_stale};
 * a tampered signature or rawData is {@code invalid_request}.
 */
class KuaishouPhoneAndOpenDataTest {

    private static final Map<String, Object> PROFILE =
            Map.of("nickName", "快手用户 Kai", "avatarUrl", "https://p2.a.yximgs.com/uhead/kai.jpg");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
            "--wxlogin.rate-limit.decrypt-per-user=0",
            "--wxlogin.rate-limit.phone-per-user=0",
            "--wxlogin.rate-limit.phone-per-user-daily=0");

    static WeChatData data;
    static final KuaishouSim kuaishou = new KuaishouSim(dev::sim);

    @BeforeAll
    static void start() {
        data = new WeChatData(dev.service());
    }

    @Test
    void thePhoneButtonsEncryptedDataBindsTheNumber() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-phone");

        Http.Reply r = data.bindPhone(kai, kuaishou.phone(KUAISHOU_APP, "ks-phone", "13900139000"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13900139000");
        assertThat(r.json().get("purePhoneNumber").asString()).isEqualTo("13900139000");
        assertThat(r.json().get("countryCode").asString()).isEqualTo("86");
        assertThat(data.storedPhone(kai.userId())).isEqualTo("13900139000");
    }

    @Test
    void aPhoneCodeIsUnsupportedForAKuaishouAppAndNoPlatformIsAsked() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-phone-code");
        long phoneCalls = data.calls(WeChatData.PHONE_API);
        long exchanges = kuaishou.code2SessionCalls();

        Http.Reply r = data.bindPhone(kai, Map.of("code", "e61cfeb4da307b90e1b0708bc94c3d65"));

        JsonNode problem = assertProblem(r, 400, "unsupported");
        assertThat(problem.get("detail").asString()).contains("Kuaishou").contains("encryptedData and iv");
        assertThat(data.calls(WeChatData.PHONE_API)).isEqualTo(phoneCalls);
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(exchanges);
        assertThat(data.storedPhone(kai.userId())).isNull();
    }

    @Test
    void phoneDataUnderAnotherUsersKeyIsSessionKeyStaleAndBindsNothing() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-phone-wrong-key");
        Map<String, Object> someoneElses = kuaishou.phone(KUAISHOU_APP, "ks-phone-someone-else", "13900139001");
        Map<String, Long> rows = dev.service().rowCounts();

        assertProblem(data.bindPhone(kai, someoneElses), 409, "session_key_stale");
        assertThat(data.storedPhone(kai.userId())).isNull();
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void openDataComesBackWithTheUsersOpenIdAndNoWatermark() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-open");

        Http.Reply r = data.decrypt(kai, WeChatData.cipherOnly(kuaishou.openData(KUAISHOU_APP, "ks-open", PROFILE)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("nickName").asString()).isEqualTo("快手用户 Kai");
        assertThat(d.get("openId").asString())
                .isEqualTo(
                        dev.sim().session(KUAISHOU_APP, "ks-open").get("openid").asString());
        assertThat(d.has("watermark")).isFalse();
    }

    @Test
    void rawDataIsCheckedAgainstItsSignatureAndATamperedSignatureIsRefused() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-signed");
        JsonNode open = kuaishou.openData(KUAISHOU_APP, "ks-signed", PROFILE);
        Map<String, Object> signed = new LinkedHashMap<>(WeChatData.cipherOnly(open));
        signed.put("rawData", open.get("rawData").asString());
        signed.put("signature", open.get("signature").asString());
        assertThat(data.decrypt(kai, signed).status()).isEqualTo(200);

        Map<String, Object> tamperedSignature = new LinkedHashMap<>(signed);
        String signature = open.get("signature").asString();
        tamperedSignature.put("signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));
        Map<String, Object> tamperedRawData = new LinkedHashMap<>(signed);
        tamperedRawData.put("rawData", open.get("rawData").asString().replace("Kai", "Kay"));

        assertProblem(data.decrypt(kai, tamperedSignature), 400, "invalid_request");
        assertProblem(data.decrypt(kai, tamperedRawData), 400, "invalid_request");
    }

    @Test
    void openDataUnderAnotherKeyIsSessionKeyStale() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-wrong-key");
        String someoneElsesKey = dev.sim().sessionKey(KUAISHOU_APP, "ks-wrong-key-other");

        assertProblem(
                data.decrypt(kai, WeChatData.encrypt(someoneElsesKey, "{\"nickName\":\"Kai\"}")),
                409,
                "session_key_stale");
    }

    @Test
    void dataUnderTheUsersOwnKeyThatNamesAnotherUserOrAnotherAppIsSessionKeyStale() {
        Tokens kai = dev.service().login(KUAISHOU_APP, "ks-other-owner");
        String key = dev.sim().sessionKey(KUAISHOU_APP, "ks-other-owner");
        String otherApp = "{\"nickName\":\"Kai\",\"watermark\":{\"timestamp\":"
                + Instant.now().getEpochSecond() + ",\"appid\":\"ks0000000000000999\"}}";

        assertProblem(
                data.decrypt(kai, WeChatData.encrypt(key, "{\"openId\":\"someone-else\",\"nickName\":\"Kai\"}")),
                409,
                "session_key_stale");
        assertProblem(data.decrypt(kai, WeChatData.encrypt(key, otherApp)), 409, "session_key_stale");
        assertThat(data.decrypt(kai, WeChatData.encrypt(key, "{\"nickName\":\"Kai\"}"))
                        .status())
                .isEqualTo(200);
    }
}
