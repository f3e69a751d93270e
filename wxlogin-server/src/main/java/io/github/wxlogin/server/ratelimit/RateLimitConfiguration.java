package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.server.config.WxLoginProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits; the filter that applies the per-address one to login and refresh is registered with the
 * whole chain in {@code web.FilterChainConfiguration}, and the controllers of the per-user calls ask
 * {@link UserRateLimits} themselves.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new RateLimits(props.rateLimit(), buckets, registry);
    }

    @Bean
    UserRateLimits userRateLimits(WxLoginProperties props, RateLimitBuckets buckets, MeterRegistry registry) {
        return new UserRateLimits(props.rateLimit(), buckets, registry);
    }
}
