package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/decrypt} and {@code POST /v1/me/phone} for a Baidu app over real HTTP, the data made
 * by the simulator as Baidu's client gives it: AES-192-CBC under the user's Baidu session_key with the
 * app's AppKey as the plaintext's trailer. Data under another key, data with another app's trailer, and
 * data in WeChat's format are all the one refusal {@code session_key_stale}; the phone button's
 * encryptedData binds the number, and a phone code (which Baidu's button does not give) is
 * {@code unsupported}.
 */
class BaiduPhoneAndOpenDataTest {

    private static final Map<String, Object> PROFILE = Map.of("nickname", "小度 Du", "sex", 1);

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static final BaiduSim baidu = new BaiduSim(dev::sim);
    static WeChatData data;

    @BeforeAll
    static void start() {
        data = new WeChatData(dev.service());
    }

    @Test
    void baiduOpenDataDecryptsUnderTheUsersSessionKey() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-open");

        Http.Reply r = data.decrypt(du, baidu.openData(BAIDU_APP, "bd-open", PROFILE));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("nickname").asString()).isEqualTo("小度 Du");
        assertThat(d.has("watermark"))
                .as("Baidu's data has none: the trailer named the app")
                .isFalse();
    }

    @Test
    void dataWithAnotherAppsKeyAsItsTrailerIsSessionKeyStaleThoughItDecrypts() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-other-app");
        String key = dev.sim().sessionKey(BAIDU_APP, "bd-other-app");
        assertThat(data.decrypt(du, BaiduSim.encrypt(key, "{\"nickname\":\"Du\"}", BaiduSim.DEMO_APP_KEY))
                        .status())
                .isEqualTo(200);

        Http.Reply r =
                data.decrypt(du, BaiduSim.encrypt(key, "{\"nickname\":\"Du\"}", "simAppKey00000000000000020000002"));

        assertProblem(r, 409, "session_key_stale");
    }

    @Test
    void baiduDataUnderAnotherKeyIsSessionKeyStale() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-wrong-key");
        String someoneElsesKey = dev.sim().sessionKey(BAIDU_APP, "bd-wrong-key-other");

        Http.Reply r =
                data.decrypt(du, BaiduSim.encrypt(someoneElsesKey, "{\"nickname\":\"Du\"}", BaiduSim.DEMO_APP_KEY));

        assertProblem(r, 409, "session_key_stale");
    }

    @Test
    void weChatShapedDataIsNotBaidusAndIsSessionKeyStale() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-wechat-shaped");
        // A 16-byte key, AES-128 and a watermark naming the app: WeChat's format, never Baidu's.
        Map<String, Object> weChatShaped = WeChatData.encrypt(
                "HyVFkGl5F5OQWJZZaNzBBg==",
                "{\"nickname\":\"Du\",\"watermark\":{\"appid\":\"" + BAIDU_APP + "\",\"timestamp\":1}}");

        assertProblem(data.decrypt(du, weChatShaped), 409, "session_key_stale");
    }

    @Test
    void thePhoneButtonsEncryptedDataBindsTheNumber() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-phone");

        Http.Reply r = data.bindPhone(du, baidu.phoneData(BAIDU_APP, "bd-phone", "13800138000"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13800138000");
        assertThat(data.me(du).get("phoneNumber").asString()).isEqualTo("13800138000");
    }

    @Test
    void phoneDataWithAnotherAppsTrailerIsSessionKeyStaleAndBindsNothing() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-phone-other");
        String key = dev.sim().sessionKey(BAIDU_APP, "bd-phone-other");
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = data.bindPhone(
                du, BaiduSim.encrypt(key, "{\"mobile\":\"13900139000\"}", "simAppKey00000000000000020000002"));

        assertProblem(r, 409, "session_key_stale");
        assertThat(data.storedPhone(du.userId())).isNull();
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void aPhoneCodeIsUnsupportedForABaiduAppAndNoPlatformIsAsked() {
        Tokens du = dev.service().login(BAIDU_APP, "bd-phone-code");
        long phoneCalls = data.calls(WeChatData.PHONE_API);
        long baiduCalls = baidu.calls();

        Http.Reply r = data.bindPhone(du, Map.of("code", "e61cfeb4da307b90e1b0708bc94c3d65"));

        JsonNode problem = assertProblem(r, 400, "unsupported");
        assertThat(problem.get("detail").asString()).contains("Baidu").contains("encryptedData");
        assertThat(data.calls(WeChatData.PHONE_API)).isEqualTo(phoneCalls);
        assertThat(baidu.calls()).isEqualTo(baiduCalls);
        assertThat(data.storedPhone(du.userId())).isNull();
    }
}
