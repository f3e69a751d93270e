package io.github.wxlogin.server.proxy;

import io.github.wxlogin.server.config.WxLoginProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The trusted proxies ({@code WXLOGIN_TRUSTED_PROXIES}), checked at start, and their filter. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    TrustedProxies trustedProxies(WxLoginProperties props) {
        return TrustedProxies.parse(props.trustedProxies());
    }

    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(TrustedProxies proxies) {
        FilterRegistrationBean<ClientAddressFilter> registration =
                new FilterRegistrationBean<>(new ClientAddressFilter(proxies));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setEnabled(!proxies.isEmpty());
        return registration;
    }
}
