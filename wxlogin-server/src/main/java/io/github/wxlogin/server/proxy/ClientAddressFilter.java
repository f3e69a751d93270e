package io.github.wxlogin.server.proxy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Settles the client's address once, first thing: behind a trusted proxy, from
 * {@code X-Forwarded-For}; otherwise the connection's. Everything after it (rate limits, the
 * session's recorded address, logs) reads {@link HttpServletRequest#getRemoteAddr()} and sees the client.
 */
public final class ClientAddressFilter extends OncePerRequestFilter {

    private final TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String remote = request.getRemoteAddr();
        String client = proxies.clientOf(remote, Collections.list(request.getHeaders("X-Forwarded-For")));
        if (client.equals(remote)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                response);
    }
}
