package io.github.wxlogin.server.baidu;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.baidu.BaiduClient;
import io.github.wxlogin.core.baidu.BaiduPlatform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Baidu smart programs ({@code baidu:} apps of {@code WXLOGIN_APPS}): jscode2sessionkey at
 * {@code WXLOGIN_BAIDU_BASE_URL} ({@code https://spapi.baidu.com}; in dev mode the simulator's
 * {@code /baidu}) with Baidu's own circuit, the timeouts and retries of the {@code wxlogin.wechat.*}
 * settings, and each app's AppKey ({@link BaiduAppKeys}: {@code WXLOGIN_BAIDU_APP_KEYS}, or in dev mode the
 * simulator's).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BaiduProperties.class)
class BaiduConfiguration {

    static final URI SPAPI = URI.create("https://spapi.baidu.com");

    @Bean
    BaiduClient baiduClient(PlatformBaseUrls urls, WxLoginProperties props, Clock clock) {
        return new BaiduClient(
                urls.of(Platform.BAIDU),
                props.wechat().clientSettings().withBaseUrl(SPAPI),
                clock,
                CallPause.SCHEDULED);
    }

    @Bean
    PlatformSupport baiduSupport(
            BaiduClient client, BaiduProperties baidu, Apps apps, ObjectProvider<WeChatSimulator> simulator) {
        boolean simulated = simulator.getIfAvailable() != null;
        return new PlatformSupport(
                Platform.BAIDU,
                new BaiduPlatform(
                        client,
                        BaiduAppKeys.of(
                                baidu,
                                apps,
                                appId -> simulated
                                        ? Optional.of(WeChatSimulator.baiduAppKey(appId))
                                        : Optional.empty())));
    }
}
