package io.github.wxlogin.server.ratelimit;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-client-address limit on {@code POST /v1/auth/login}, {@code /v1/auth/refresh} and
 * {@code /v1/me/identities} (a link trades a login code as a login does), before
 * the body is read: a refused request costs no parsing, no database and no WeChat call, and spends
 * nothing (the code stays unclaimed, the refresh token unspent). The address is the one
 * {@code ClientAddressFilter} settled on (X-Forwarded-For only from a trusted proxy).
 */
public final class ClientRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final ProblemWriter problems;

    public ClientRateLimitFilter(RateLimits limits, ProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.limitsClients() || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait;
        try {
            wait = limits.tryAdmitClient(ClientKey.of(request.getRemoteAddr()));
        } catch (WxLoginException e) {
            // The shared state (Redis) did not answer: upstream_unavailable, as everywhere else.
            problems.write(response, e);
            return;
        }
        if (wait.isPresent()) {
            problems.write(
                    response,
                    ErrorCode.RATE_LIMITED,
                    "too many logins and refreshes from this address; try again after Retry-After seconds",
                    wait.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
