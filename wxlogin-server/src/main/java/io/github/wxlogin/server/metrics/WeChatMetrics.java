package io.github.wxlogin.server.metrics;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.wxlogin.core.wechat.WeChatCallListener;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every WeChat call as a Micrometer timer {@code wxlogin.wechat.calls}, tagged by API path and outcome,
 * with a latency histogram; and the state of each API's circuit breaker (Resilience4j's own
 * {@code resilience4j.circuitbreaker.*} meters, {@code name} = the API path).
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

    @Bean
    MeterBinder weChatCircuitMetrics(WeChatClient wechat) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(wechat.circuits());
    }
}
