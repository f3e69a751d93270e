package io.github.wxlogin.server.admin;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.api.ClientInfos;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.github.wxlogin.server.ratelimit.AdminRefusals;
import io.github.wxlogin.server.web.BearerCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: answers 404 when no admin credential is configured (the API is off), and
 * 401 {@code invalid_token} unless the request carries it as {@code Authorization: Bearer …}. Refusals
 * are counted per client address ({@link AdminRefusals}): past the limit the address is answered 429
 * {@code rate_limited}, the right credential included, until its bucket refills; and only the first
 * refusal of a burst is audited ({@code admin_access_refused}) and logged at WARN, so a flood of
 * guesses fills neither the audit table nor the log.
 */
public final class AdminAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthFilter.class);
    static final String PREFIX = "/admin/";

    private final BearerCredential credential;
    private final AdminRefusals refusals;
    private final ProblemWriter problems;
    private final Auditor audit;

    public AdminAuthFilter(WxLoginProperties props, AdminRefusals refusals, ProblemWriter problems, Auditor audit) {
        this.credential = new BearerCredential(props.adminToken());
        this.refusals = refusals;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded, normalised path that Spring routes on (no ";params", no %-escapes): the raw
        // request URI would let "/admin;x/v1/..." or "/%61dmin/v1/..." past this filter.
        String path = request.getServletPath() + java.util.Objects.toString(request.getPathInfo(), "");
        return !(path.startsWith(PREFIX) || path.equals("/admin"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!credential.enabled()) {
            problems.write(response, ErrorCode.NOT_FOUND, "no such resource");
            return;
        }
        try {
            Optional<Duration> wait = refusals.waitBeforeTrying(request.getRemoteAddr());
            if (wait.isPresent()) {
                tooMany(request, response, wait.get());
                return;
            }
            if (!credential.presentedIn(request)) {
                refuse(request, response);
                return;
            }
        } catch (WxLoginException e) {
            // The shared state (Redis) did not answer: upstream_unavailable, as everywhere else.
            problems.write(response, e);
            return;
        }
        if (!queryIsWellFormed(request)) {
            problems.write(response, ErrorCode.INVALID_REQUEST, "the request is malformed");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminRefusals.Refusal refusal = refusals.refuse(request.getRemoteAddr());
        if (refusal.retryAfter().isPresent()) {
            tooMany(request, response, refusal.retryAfter().get());
            return;
        }
        if (refusal.firstOfBurst()) {
            audit.record(
                    AuditType.ADMIN_ACCESS_REFUSED,
                    null,
                    null,
                    null,
                    ClientInfos.of(request),
                    request.getMethod() + " " + request.getRequestURI());
            log.warn(
                    "Admin access refused: {} {} from {}; further refusals from this address within {} are"
                            + " counted (wxlogin_admin_refusals_total), not logged or audited",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    refusals.window());
        } else {
            log.debug(
                    "Admin access refused again: {} {} from {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
        }
        problems.write(response, ErrorCode.INVALID_TOKEN, "the admin credential is missing or wrong");
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        // DEBUG: a flood must not become a flood of log lines; the refusals are counted.
        log.debug("Rate limited: admin calls from {} after too many refused credentials", request.getRemoteAddr());
        problems.write(
                response,
                ErrorCode.RATE_LIMITED,
                "too many refused admin calls from this address; try again after Retry-After seconds",
                wait);
    }

    /**
     * The admin API is the only one that reads query parameters. Tomcat throws when the query string
     * does not decode (a broken %-escape, bytes that are not UTF-8), and PostgreSQL refuses a NUL in
     * any text it is asked to compare; left to Spring, either is a 500, though it is the client's mistake.
     */
    private static boolean queryIsWellFormed(HttpServletRequest request) {
        try {
            return request.getParameterMap().values().stream()
                    .flatMap(java.util.Arrays::stream)
                    .noneMatch(value -> value.indexOf('\0') >= 0);
        } catch (InvalidParameterException e) {
            return false;
        }
    }
}
