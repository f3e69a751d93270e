package io.github.wxlogin.server.kuaishou;

import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.kuaishou.KuaishouPlatform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import java.net.URI;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Kuaishou mini programs ({@code kuaishou:} apps of {@code WXLOGIN_APPS}): Kuaishou's code2Session at
 * {@code WXLOGIN_KUAISHOU_BASE_URL} ({@code https://open.kuaishou.com}; in dev mode the simulator's
 * {@code /kuaishou}), with its own circuit and the timeouts, retries and circuit thresholds of the
 * {@code wxlogin.wechat.*} settings.
 */
@Configuration(proxyBeanMethods = false)
class KuaishouConfiguration {

    /** The client is given its host as a supplier; its settings' own base URL is this, for the record. */
    static final URI OPEN_KUAISHOU = URI.create("https://open.kuaishou.com");

    @Bean
    PlatformSupport kuaishouSupport(PlatformBaseUrls baseUrls, WxLoginProperties props, Clock clock) {
        return new PlatformSupport(
                Platform.KUAISHOU,
                KuaishouPlatform.at(
                        baseUrls.of(Platform.KUAISHOU),
                        props.wechat().clientSettings().withBaseUrl(OPEN_KUAISHOU),
                        clock,
                        CallPause.SCHEDULED));
    }
}
