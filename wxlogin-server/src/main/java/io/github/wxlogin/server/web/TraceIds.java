package io.github.wxlogin.server.web;

import io.github.wxlogin.server.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A trace id for every request, first thing: the W3C {@code traceparent}'s trace id when a proxy or
 * a caller sent a well-formed one, else a new random one. It is in the log's MDC ({@code traceId},
 * printed on every log line of the request and a field of JSON logs), in the {@code X-Trace-Id}
 * response header, and in every problem+json answer ({@code traceId}), so a user's error report
 * finds its log lines.
 */
public class TraceIds extends OncePerRequestFilter {

    public static final String MDC_KEY = Problems.TRACE_ID;
    public static final String HEADER = "X-Trace-Id";
    private static final String ATTRIBUTE = TraceIds.class.getName();
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID = "0".repeat(32);

    /** The trace id this filter gave the request, if it ran (Tomcat may refuse a request before). */
    static Optional<String> of(jakarta.servlet.ServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(ATTRIBUTE));
    }

    static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // an asynchronous answer (a login) is written on another thread: put the id back there too
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error page runs after the first pass has cleared the MDC: put the id back
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = fromTraceparent(request.getHeader("traceparent")).orElseGet(TraceIds::newId);
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
        }
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static Optional<String> fromTraceparent(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = TRACEPARENT.matcher(header.strip());
        return m.matches() && !m.group(1).equals(INVALID) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
