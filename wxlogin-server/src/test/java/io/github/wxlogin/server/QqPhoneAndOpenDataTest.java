package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/phone} and {@code POST /v1/me/decrypt} for QQ apps over real HTTP, the QQ data
 * made by the simulator as QQ's client gives it. QQ's open data is WeChat's format and decrypts under
 * the user's QQ session_key, watermark and signature checked; QQ has no phone-number button, so both
 * phone forms are {@code unsupported}: nothing is decrypted, no platform is asked, nothing is bound.
 */
class QqPhoneAndOpenDataTest {

    private static final Map<String, Object> PROFILE = Map.of("nickName", "QQ 用户 Qi", "gender", 1, "city", "Shenzhen");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static WeChatData data;

    @BeforeAll
    static void start() {
        data = new WeChatData(dev.service());
    }

    private static String watermarked(String json, String appId) {
        return json.substring(0, json.length() - 1) + ",\"watermark\":{\"timestamp\":"
                + Instant.now().getEpochSecond() + ",\"appid\":\"" + appId + "\"}}";
    }

    @Test
    void aPhoneCodeIsUnsupportedForAQqAppAndNoPlatformIsAsked() {
        Tokens qi = dev.service().login(QQ_APP_1, "qq-phone-code");
        long phoneCalls = data.calls(WeChatData.PHONE_API);

        Http.Reply r = data.bindPhone(qi, Map.of("code", "e61cfeb4da307b90e1b0708bc94c3d65"));

        JsonNode problem = assertProblem(r, 400, "unsupported");
        assertThat(problem.get("detail").asString()).contains("QQ").contains("getPhoneNumber");
        assertThat(data.calls(WeChatData.PHONE_API)).isEqualTo(phoneCalls);
        assertThat(data.storedPhone(qi.userId())).isNull();
        assertThat(data.me(qi).get("phoneNumber").isNull()).isTrue();
    }

    @Test
    void encryptedPhoneDataIsUnsupportedForAQqAppEvenUnderTheRightKey() {
        Tokens qi = dev.service().login(QQ_APP_1, "qq-phone-data");
        String key = dev.sim().sessionKey(QQ_APP_1, "qq-phone-data");
        String phone = watermarked(
                "{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\"}",
                QQ_APP_1);
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = data.bindPhone(qi, WeChatData.encrypt(key, phone));

        assertProblem(r, 400, "unsupported");
        assertThat(data.storedPhone(qi.userId())).isNull();
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void qqsClientHasNoPhoneCodeToGive() {
        Http.Reply r = dev.sim().http().postJson("/sim/phone-code", Map.of("appId", QQ_APP_1, "user", "qq-no-button"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains("no getPhoneNumber button");
    }

    @Test
    void qqOpenDataComesBackWithTheQqAppsWatermark() {
        Tokens qi = dev.service().login(QQ_APP_1, "qq-open");

        Http.Reply r = data.decrypt(qi, WeChatData.cipherOnly(data.openData(QQ_APP_1, "qq-open", PROFILE)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("nickName").asString()).isEqualTo("QQ 用户 Qi");
        assertThat(d.get("watermark").get("appid").asString()).isEqualTo(QQ_APP_1);
    }

    @Test
    void rawDataIsCheckedAgainstItsSignatureAndATamperedSignatureIsRefused() {
        Tokens qi = dev.service().login(QQ_APP_1, "qq-signed");
        JsonNode open = data.openData(QQ_APP_1, "qq-signed", PROFILE);
        Map<String, Object> signed = new LinkedHashMap<>(WeChatData.cipherOnly(open));
        signed.put("rawData", open.get("rawData").asString());
        signed.put("signature", open.get("signature").asString());
        assertThat(data.decrypt(qi, signed).status()).isEqualTo(200);

        Map<String, Object> tamperedSignature = new LinkedHashMap<>(signed);
        String signature = open.get("signature").asString();
        tamperedSignature.put("signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));
        Map<String, Object> tamperedRawData = new LinkedHashMap<>(signed);
        tamperedRawData.put("rawData", open.get("rawData").asString().replace("Shenzhen", "Shanghai"));

        assertProblem(data.decrypt(qi, tamperedSignature), 400, "invalid_request");
        assertProblem(data.decrypt(qi, tamperedRawData), 400, "invalid_request");
    }

    @Test
    void qqDataUnderAnotherKeyIsSessionKeyStale() {
        Tokens qi = dev.service().login(QQ_APP_1, "qq-wrong-key");
        String someoneElsesKey = dev.sim().sessionKey(QQ_APP_1, "qq-wrong-key-other");

        Http.Reply r =
                data.decrypt(qi, WeChatData.encrypt(someoneElsesKey, watermarked("{\"nickName\":\"Qi\"}", QQ_APP_1)));

        assertProblem(r, 409, "session_key_stale");
    }

    @Test
    void qqDataOfTheOtherQqAppIsSessionKeyStaleThoughItIsOneUser() {
        Tokens inApp1 = dev.service().login(QQ_APP_1, "qq-cross");
        Tokens inApp2 = dev.service().login(QQ_APP_2, "qq-cross");
        assertThat(inApp2.userId()).isEqualTo(inApp1.userId());
        String keyOfApp1 = dev.sim().sessionKey(QQ_APP_1, "qq-cross");

        assertProblem(
                data.decrypt(inApp1, WeChatData.cipherOnly(data.openData(QQ_APP_2, "qq-cross", PROFILE))),
                409,
                "session_key_stale");
        // Under app 1's own key but with app 2's watermark: the same answer.
        assertProblem(
                data.decrypt(inApp1, WeChatData.encrypt(keyOfApp1, watermarked("{\"nickName\":\"Qi\"}", QQ_APP_2))),
                409,
                "session_key_stale");
    }
}
