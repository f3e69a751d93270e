package io.github.wxlogin.server.problem;

import java.net.URI;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Writes a {@link Problem} as the contract's problem+json: type, title, status, code, detail, traceId. */
public final class Problems {

    /**
     * The member of every problem that holds the request's trace id, and the log MDC key the web
     * layer's trace id filter keeps it under: one name in answers and in log lines.
     */
    public static final String TRACE_ID = "traceId";

    static final String TYPE_BASE = "https://github.com/wxlogin/wxlogin/blob/main/docs/errors.md#";

    private Problems() {}

    static ProblemDetail body(Problem problem) {
        ProblemDetail body =
                ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(problem.status()), problem.detail());
        body.setType(URI.create(TYPE_BASE + problem.code().code()));
        body.setTitle(problem.code().title());
        body.setProperty("code", problem.code().code());
        Optional.ofNullable(MDC.get(TRACE_ID)).ifPresent(id -> body.setProperty(TRACE_ID, id));
        return body;
    }

    static ResponseEntity<Object> response(Problem problem) {
        HttpHeaders headers = new HttpHeaders();
        problem.headers().forEach(headers::put);
        return ResponseEntity.status(problem.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(problem));
    }

    /**
     * The same body as JSON text, for the Tomcat valve (outside Spring, no mapper at hand). The
     * detail is always one of the mapping's own fixed texts, so nothing needs escaping.
     */
    public static String json(Problem problem, String traceId) {
        String code = problem.code().code();
        return "{\"type\":\"" + TYPE_BASE + code + "\",\"title\":\""
                + problem.code().title()
                + "\",\"status\":" + problem.status() + ",\"code\":\"" + code + "\",\"detail\":\""
                + problem.detail() + "\",\"traceId\":\"" + traceId + "\"}";
    }
}
