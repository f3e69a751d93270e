package io.github.wxlogin.server.web;

import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.server.admin.AdminAuthFilter;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.github.wxlogin.server.proxy.ClientAddressFilter;
import io.github.wxlogin.server.proxy.TrustedProxies;
import io.github.wxlogin.server.ratelimit.AdminRefusals;
import io.github.wxlogin.server.ratelimit.ClientRateLimitFilter;
import io.github.wxlogin.server.ratelimit.RateLimits;
import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The whole servlet filter chain, registered here only, in the order a request meets it:
 * <ol>
 * <li>{@link TraceIds}: the request's trace id, in the log MDC, {@code X-Trace-Id} and every problem;</li>
 * <li>{@link ClientAddressFilter}: the client's address from {@code X-Forwarded-For}, behind a
 *     trusted proxy only (registered off when {@code WXLOGIN_TRUSTED_PROXIES} is empty);</li>
 * <li>{@link BodySizeLimitFilter}: 413 for a body over 64 KiB;</li>
 * <li>{@link ClientRateLimitFilter}: the per-address limit, on {@code /v1/auth/login},
 *     {@code /v1/auth/refresh} and {@code POST /v1/me/identities} (a link trades a login code) only;</li>
 * <li>{@link AdminAuthFilter}: {@code /admin/**} only with the admin credential, and not from an
 *     address past its limit of refused admin calls;</li>
 * <li>{@code metrics.MetricsAccessFilter}: {@code /actuator/prometheus} only with the metrics
 *     credential, when one is configured (registered with the actuator endpoints, on the management
 *     port when there is one: {@code metrics.MetricsAccessConfiguration});</li>
 * </ol>
 * then Spring MVC: the controllers, their errors answered by the problem package's advice. Spring
 * Boot's own filters (character encoding, form content, request context) take their places by their
 * own orders.
 */
@Configuration(proxyBeanMethods = false)
class FilterChainConfiguration {

    @Bean
    FilterRegistrationBean<TraceIds> traceIds() {
        return inOrder(new TraceIds(), 0);
    }

    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(TrustedProxies proxies) {
        FilterRegistrationBean<ClientAddressFilter> registration = inOrder(new ClientAddressFilter(proxies), 5);
        registration.setEnabled(!proxies.isEmpty());
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ProblemWriter problems) {
        return inOrder(new BodySizeLimitFilter(problems), 10);
    }

    @Bean
    FilterRegistrationBean<ClientRateLimitFilter> clientRateLimitFilter(RateLimits limits, ProblemWriter problems) {
        FilterRegistrationBean<ClientRateLimitFilter> registration =
                inOrder(new ClientRateLimitFilter(limits, problems), 15);
        // A link trades a login code with the platform as a login does (its POST; the filter takes POSTs only).
        registration.addUrlPatterns("/v1/auth/login", "/v1/auth/refresh", "/v1/me/identities");
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminAuthFilter> adminAuthFilter(
            WxLoginProperties props, AdminRefusals refusals, ProblemWriter problems, Auditor audit) {
        return inOrder(new AdminAuthFilter(props, refusals, problems, audit), 20);
    }

    /** The filter at this place after the very first one ({@link Ordered#HIGHEST_PRECEDENCE}). */
    private static <F extends Filter> FilterRegistrationBean<F> inOrder(F filter, int place) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + place);
        return registration;
    }
}
