package io.github.wxlogin.server.proxy;

import io.github.wxlogin.server.config.WxLoginProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trusted proxies ({@code WXLOGIN_TRUSTED_PROXIES}), checked at start; their filter is registered
 * with the whole chain in {@code web.FilterChainConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    TrustedProxies trustedProxies(WxLoginProperties props) {
        return TrustedProxies.parse(props.trustedProxies());
    }
}
