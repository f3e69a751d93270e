package io.github.wxlogin.server.wecom;

import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wecom.WeComPlatform;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WeCom mini programs ({@code wecom:<corpid>:<corp app secret>} apps of {@code WXLOGIN_APPS}): WeCom's
 * jscode2session at {@code WXLOGIN_WECOM_BASE_URL} ({@code https://qyapi.weixin.qq.com}; in dev mode the
 * simulator's {@code /wecom}), with the timeouts, retries and circuits of the {@code wxlogin.wechat.*}
 * settings, WeCom's server API being WeChat's form. The corp apps' access tokens live in the
 * {@link AccessTokenStore} WeChat's use (Redis in a fleet: one token and one fetch for all instances),
 * renewed {@code wxlogin.wechat.renew-token-ahead} before they expire.
 */
@Configuration(proxyBeanMethods = false)
class WeComConfiguration {

    @Bean
    PlatformSupport weComSupport(
            PlatformBaseUrls baseUrls, WxLoginProperties props, AccessTokenStore tokens, Clock clock) {
        return new PlatformSupport(
                Platform.WECOM,
                WeComPlatform.at(
                        baseUrls.of(Platform.WECOM),
                        props.wechat().clientSettings(),
                        tokens,
                        props.wechat().renewTokenAhead(),
                        clock,
                        CallPause.SCHEDULED));
    }
}
