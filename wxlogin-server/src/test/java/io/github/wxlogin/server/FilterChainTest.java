package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's own filters, registered once each by web.FilterChainConfiguration (none twice by scanning). */
class FilterChainTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @Test
    void eachOfTheServicesFiltersIsRegisteredOnce() {
        List<String> classes = dev.service().bean(ServletContext.class).getFilterRegistrations().values().stream()
                .map(FilterRegistration::getClassName)
                .filter(name -> name.startsWith("io.github.wxlogin."))
                .sorted()
                .toList();

        // No trusted proxies in dev mode: the client address filter is not registered at all.
        assertThat(classes)
                .containsExactly(
                        "io.github.wxlogin.server.admin.AdminAuthFilter",
                        "io.github.wxlogin.server.ratelimit.ClientRateLimitFilter",
                        "io.github.wxlogin.server.web.BodySizeLimitFilter",
                        "io.github.wxlogin.server.web.TraceIds");
    }

    @Test
    void theRateLimitFilterSeesLoginRefreshAndLinkOnly() {
        FilterRegistration rateLimit =
                dev.service().bean(ServletContext.class).getFilterRegistrations().values().stream()
                        .filter(r -> r.getClassName().endsWith(".ClientRateLimitFilter"))
                        .findFirst()
                        .orElseThrow();

        // A link (POST /v1/me/identities) trades a login code as a login does; the filter passes other methods.
        assertThat(rateLimit.getUrlPatternMappings())
                .containsExactlyInAnyOrder("/v1/auth/login", "/v1/auth/refresh", "/v1/me/identities");
    }
}
