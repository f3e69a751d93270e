package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The limits, and the filter that applies the per-address one to login and refresh. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new RateLimits(props.rateLimit(), buckets, registry);
    }

    @Bean
    FilterRegistrationBean<ClientRateLimitFilter> clientRateLimitFilter(RateLimits limits, ProblemWriter problems) {
        FilterRegistrationBean<ClientRateLimitFilter> registration =
                new FilterRegistrationBean<>(new ClientRateLimitFilter(limits, problems));
        registration.addUrlPatterns("/v1/auth/login", "/v1/auth/refresh");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }
}
