package io.github.wxlogin.server.metrics;

import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.github.wxlogin.server.web.BearerCredential;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link MetricsAccessFilter} where the metrics are served: on the service's own port, or on the
 * management port when {@code management.server.port} is set (that port has an application context and
 * a filter chain of its own, which the main context's filters do not reach).
 *
 * <p>Deliberately not a {@code @Configuration}: the component scan would then register it in the main
 * context whatever the port. Spring Boot imports it, from
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports},
 * into whichever context serves the actuator endpoints (a class listed there without
 * {@code @ManagementContextConfiguration} is imported for {@code ANY} context).
 */
class MetricsAccessConfiguration {

    /** After the main context's own filters ({@code web.FilterChainConfiguration}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

    @Bean
    FilterRegistrationBean<MetricsAccessFilter> metricsAccessFilter(
            WxLoginProperties props, PathMappedEndpoints endpoints, ProblemWriter problems) {
        BearerCredential credential = new BearerCredential(props.metricsToken());
        String path = endpoints.getPath(EndpointId.of("prometheus"));
        FilterRegistrationBean<MetricsAccessFilter> registration = new FilterRegistrationBean<>(
                new MetricsAccessFilter(credential, path == null ? "/actuator/prometheus" : path, problems));
        registration.setOrder(ORDER);
        registration.setEnabled(credential.enabled());
        return registration;
    }
}
