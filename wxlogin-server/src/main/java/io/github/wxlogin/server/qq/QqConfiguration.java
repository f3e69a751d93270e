package io.github.wxlogin.server.qq;

import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.qq.QqPlatform;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * QQ mini programs ({@code qq:} apps of {@code WXLOGIN_APPS}): QQ's code2Session at
 * {@code WXLOGIN_QQ_BASE_URL} ({@code https://api.q.qq.com}; in dev mode the simulator's {@code /qq}),
 * with the timeouts, retries and circuit of the {@code wxlogin.wechat.*} settings, QQ's server API
 * being WeChat's own.
 */
@Configuration(proxyBeanMethods = false)
class QqConfiguration {

    @Bean
    PlatformSupport qqSupport(PlatformBaseUrls baseUrls, WxLoginProperties props, Clock clock) {
        return new PlatformSupport(
                Platform.QQ,
                QqPlatform.at(baseUrls.of(Platform.QQ), props.wechat().clientSettings(), clock, CallPause.SCHEDULED));
    }
}
