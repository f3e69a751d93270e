package io.github.wxlogin.server.metrics;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.wxlogin.core.wechat.WeChatCallListener;
import io.github.wxlogin.server.config.PlatformSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every WeChat call as a Micrometer timer {@code wxlogin.wechat.calls}, tagged by API path and outcome,
 * with a latency histogram; and the state of each platform's circuit breakers, one per API (Resilience4j's
 * own {@code resilience4j.circuitbreaker.*} meters, {@code name} = the API path, {@code platform} = the
 * platform: {@code wechat}, {@code qq}, {@code douyin}, …).
 */
@Configuration(proxyBeanMethods = false)
class WeChatMetrics {

    @Bean
    WeChatCallListener weChatCallListener(MeterRegistry registry) {
        return (api, outcome, latency) -> Timer.builder("wxlogin.wechat.calls")
                .description("Calls to WeChat's API, each try, by path and outcome (0, an errcode, or unavailable)")
                .tag("api", api)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }

    /** Every platform's circuits (WeChat's, QQ's, Douyin's, …), told apart by their {@code platform} tag. */
    @Bean
    MeterBinder platformCircuitMetrics(List<PlatformSupport> platforms) {
        return registry -> platforms.forEach(support -> support.client()
                .circuits()
                .ifPresent(circuits -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits)
                        .bindTo(registry)));
    }
}
