package io.github.wxlogin.server.admin;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.server.api.ClientInfos;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.problem.ProblemWriter;
import io.github.wxlogin.server.web.BearerCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: answers 404 when no admin credential is configured (the API is off), and
 * 401 {@code invalid_token} (audited as {@code admin_access_refused}) unless the request carries it as
 * {@code Authorization: Bearer …}.
 */
public final class AdminAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthFilter.class);
    static final String PREFIX = "/admin/";

    private final BearerCredential credential;
    private final ProblemWriter problems;
    private final Auditor audit;

    public AdminAuthFilter(WxLoginProperties props, ProblemWriter problems, Auditor audit) {
        this.credential = new BearerCredential(props.adminToken());
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
        if (!credential.presentedIn(request)) {
            audit.record(
                    AuditType.ADMIN_ACCESS_REFUSED,
                    null,
                    null,
                    null,
                    ClientInfos.of(request),
                    request.getMethod() + " " + request.getRequestURI());
            log.warn(
                    "Admin access refused: {} {} from {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
            problems.write(response, ErrorCode.INVALID_TOKEN, "the admin credential is missing or wrong");
            return;
        }
        if (!queryIsWellFormed(request)) {
            problems.write(response, ErrorCode.INVALID_REQUEST, "the request is malformed");
            return;
        }
        chain.doFilter(request, response);
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
