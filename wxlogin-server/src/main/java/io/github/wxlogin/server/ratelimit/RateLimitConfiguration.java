package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits; the filters that apply the per-address ones (to login and refresh, and to refused admin
 * calls) are registered with the whole chain in {@code web.FilterChainConfiguration}, and the
 * controllers of the per-user calls ask {@link UserRateLimits} themselves.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new RateLimits(props.rateLimit(), buckets, registry);
    }

    @Bean
    AdminRefusals adminRefusals(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new AdminRefusals(props.rateLimit(), buckets, registry);
    }

    @Bean
    UserRateLimits userRateLimits(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new UserRateLimits(props.rateLimit(), buckets, registry);
    }
}
