package io.github.wxlogin.server.web;

import io.github.wxlogin.server.problem.Problem;
import io.github.wxlogin.server.problem.ProblemMapping;
import io.github.wxlogin.server.problem.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own error page, for requests it refuses before any servlet sees them (a malformed URL,
 * say): the same problem+json as everywhere else instead of Tomcat's HTML page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501) {
            // Tomcat answers 501 on its own, before any servlet runs, to what it does not implement
            // (CONNECT, for one): the client's mistake, not a failure of the service, so not a 5xx.
            status = "CONNECT".equals(request.getMethod()) ? 405 : 400;
            response.setStatus(status);
            if (status == 405) {
                // A 405 names what is allowed (RFC 9110); before routing, the methods the API uses at all.
                response.setHeader("Allow", "GET, HEAD, POST, PATCH, DELETE, OPTIONS");
            }
        }
        Problem problem = ProblemMapping.ofStatus(status);
        String traceId = TraceIds.of(request.getRequest()).orElseGet(TraceIds::newId);
        // DEBUG only: these are refusals of malformed requests, and a flood of them must not flood the log.
        log.debug(
                "Refused before the application: {} {} [{}]",
                status,
                problem.code().code(),
                traceId);
        try {
            problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setHeader(TraceIds.HEADER, traceId);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(Problems.json(problem, traceId).getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away; nothing more to say.
        }
    }
}
