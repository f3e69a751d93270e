package io.github.wxlogin.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformAppsTest {

    @Test
    void anEntryWithoutAPlatformIsAWeChatAppAsBefore() {
        Apps apps = Apps.parse("wx1:s1, wx2:s2:g");
        assertThat(apps.find("wx1").orElseThrow()).isEqualTo(new App(Platform.WECHAT, "wx1", "s1", Optional.empty()));
        assertThat(apps.find("wx2").orElseThrow()).isEqualTo(new App(Platform.WECHAT, "wx2", "s2", Optional.of("g")));
    }

    @Test
    void aLeadingPlatformWordNamesThePlatformWithOrWithoutAGroup() {
        Apps apps = Apps.parse("douyin:tt1:s1,QQ:111:s2:g,wechat:wx9:s9:g");
        assertThat(apps.find("tt1").orElseThrow().platform()).isEqualTo(Platform.DOUYIN);
        assertThat(apps.find("tt1").orElseThrow().group()).isEmpty();
        assertThat(apps.find("111").orElseThrow()).isEqualTo(new App(Platform.QQ, "111", "s2", Optional.of("g")));
        assertThat(apps.find("wx9").orElseThrow().platform()).isEqualTo(Platform.WECHAT);
    }

    @Test
    void fourFieldsMustStartWithAPlatformAndTheMessageNeverShowsTheSecret() {
        assertThatThrownBy(() -> Apps.parse("wx1:s1,tiktok:tt1:topsecret:g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app entry 2")
                .hasMessageContaining("douyin")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> Apps.parse("qq:111:s:g:extra"))
                .hasMessageContaining("[platform:]appid:secret[:group]");
    }

    @Test
    void unionidsJoinUsersOnlyWithinOnePlatformsGroup() {
        App wechat = new App(Platform.WECHAT, "wx1", "s", Optional.of("g"));
        App qq = new App(Platform.QQ, "111", "s", Optional.of("g"));
        App douyin = new App(Platform.DOUYIN, "tt1", "s", Optional.of("g"));
        assertThat(wechat.unionGroup()).contains("g");
        assertThat(qq.unionGroup()).contains("qq:g");
        assertThat(douyin.unionGroup()).contains("douyin:g");
        assertThat(new App(Platform.QQ, "112", "s", Optional.empty()).unionGroup())
                .isEmpty();
    }

    @Test
    void platformWordsAreLowerCaseAndReadInAnyCase() {
        assertThat(Platform.byId("Alipay")).contains(Platform.ALIPAY);
        assertThat(Platform.WECOM.id()).isEqualTo("wecom");
        assertThat(Platform.byId("tiktok")).isEmpty();
        assertThat(new App(Platform.ALIPAY, "2021", "k", Optional.empty()).toString())
                .contains("alipay")
                .doesNotContain("=k");
    }
}
