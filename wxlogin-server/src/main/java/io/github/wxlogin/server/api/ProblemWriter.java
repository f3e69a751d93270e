package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer straight to the servlet response, for filters and the error page. */
@Component
public class ProblemWriter {

    private final JsonMapper json;
    private final ErrorCounter errors;

    ProblemWriter(JsonMapper json, ErrorCounter errors) {
        this.json = json;
        this.errors = errors;
    }

    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        write(response, code, detail, null);
    }

    /** @param retryAfter sent as {@code Retry-After} when not null */
    public void write(HttpServletResponse response, ErrorCode code, String detail, Duration retryAfter)
            throws IOException {
        errors.count(code);
        response.resetBuffer();
        retryAfter = Problems.retryAfterFor(code, retryAfter);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(retryAfter));
        }
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(Problems.body(code, detail)));
    }
}
