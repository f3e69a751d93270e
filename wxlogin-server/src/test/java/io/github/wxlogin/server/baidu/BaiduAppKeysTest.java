package io.github.wxlogin.server.baidu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each Baidu app's AppKey: the setting, the appid when the app is configured by its AppKey, or dev mode's simulator. */
class BaiduAppKeysTest {

    private static final String KEY = "4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c";
    private static final App BY_APPID = new App(Platform.BAIDU, "20000201", "secretA", Optional.empty());
    private static final App BY_APPKEY = new App(Platform.BAIDU, KEY, "secretB", Optional.empty());
    private static final App WECHAT = new App("wxa", "secretW", Optional.empty());

    private static Apps apps(App... apps) {
        return new Apps(List.of(apps));
    }

    @Test
    void anAppConfiguredByItsAppIdTakesTheKeyOfTheSettingAndOneByItsAppKeyIsItsOwn() {
        var keys = BaiduAppKeys.of(
                new BaiduProperties(" 20000201:simAppKey00000000000000020000201 "),
                apps(BY_APPID, BY_APPKEY, WECHAT),
                appId -> Optional.empty());

        assertThat(keys.apply(BY_APPID)).isEqualTo("simAppKey00000000000000020000201");
        assertThat(keys.apply(BY_APPKEY)).isEqualTo(KEY);
    }

    @Test
    void devModesSimulatorGivesTheKeysNotConfigured() {
        var keys = BaiduAppKeys.of(BaiduProperties.none(), apps(BY_APPID), appId -> Optional.of("sim" + appId));

        assertThat(keys.apply(BY_APPID)).isEqualTo("sim20000201");
    }

    @Test
    void anAppIdWithoutItsAppKeyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> BaiduAppKeys.of(BaiduProperties.none(), apps(BY_APPID), appId -> Optional.empty()))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("20000201")
                .hasMessageContaining("WXLOGIN_BAIDU_APP_KEYS=20000201:<AppKey>")
                .hasMessageNotContaining("secretA");
    }

    @Test
    void aBaiduAppWithAGroupStopsTheStart() {
        App grouped = new App(Platform.BAIDU, KEY, "secretB", Optional.of("g1"));

        assertThatThrownBy(() -> BaiduAppKeys.of(BaiduProperties.none(), apps(grouped), appId -> Optional.empty()))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("no unionid");
    }

    @Test
    void aKeyForAnAppThatIsNotAConfiguredBaiduAppOrAMalformedEntryStopsTheStart() {
        for (String setting :
                List.of("wxa:" + KEY, "20000999:" + KEY, "20000201", "20000201:has space", "20000201:a,20000201:b")) {
            assertThatThrownBy(() -> BaiduAppKeys.of(
                            new BaiduProperties(setting), apps(BY_APPID, WECHAT), appId -> Optional.empty()))
                    .as(setting)
                    .isInstanceOf(ConfigurationMistake.class)
                    .hasMessageContaining("WXLOGIN_BAIDU_APP_KEYS");
        }
    }
}
