package io.github.wxlogin.server.metrics;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.github.wxlogin.server.web.BearerCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the metrics ({@code /actuator/prometheus}) only to a request that carries the metrics
 * credential ({@code WXLOGIN_METRICS_TOKEN}) as {@code Authorization: Bearer …}; any other is answered
 * 401 {@code invalid_token}. Registered only when a credential is configured; the health endpoints stay
 * open to the probes.
 */
final class MetricsAccessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MetricsAccessFilter.class);

    private final BearerCredential credential;
    private final String path;
    private final ProblemWriter problems;

    /** @param path the endpoint's path, {@code /actuator/prometheus} unless remapped */
    MetricsAccessFilter(BearerCredential credential, String path, ProblemWriter problems) {
        this.credential = credential;
        this.path = path;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded, normalised path that Spring routes on (no ";params", no %-escapes, as AdminAuthFilter).
        String requested = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return !(requested.equals(path) || requested.startsWith(path + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (credential.presentedIn(request)) {
            chain.doFilter(request, response);
            return;
        }
        // DEBUG only: a scraper with a stale credential would otherwise write a line every scrape.
        log.debug("Metrics access refused: {} from {}", request.getRequestURI(), request.getRemoteAddr());
        problems.write(response, ErrorCode.INVALID_TOKEN, "the metrics credential is missing or wrong");
    }
}
