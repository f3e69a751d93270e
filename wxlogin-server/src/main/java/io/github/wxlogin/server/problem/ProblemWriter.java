package io.github.wxlogin.server.problem;

import io.github.wxlogin.core.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer straight to the servlet response, for the filters. */
@Component
public class ProblemWriter {

    private final JsonMapper json;
    private final ProblemListener listener;

    ProblemWriter(JsonMapper json, ProblemListener listener) {
        this.json = json;
        this.listener = listener;
    }

    /** The answer {@link ProblemMapping} gives this failure. */
    public void write(HttpServletResponse response, Throwable failure) throws IOException {
        write(response, ProblemMapping.from(failure));
    }

    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        write(response, code, detail, null);
    }

    /** @param retryAfter sent as {@code Retry-After} when not null */
    public void write(HttpServletResponse response, ErrorCode code, String detail, Duration retryAfter)
            throws IOException {
        write(response, ProblemMapping.of(code, detail, retryAfter));
    }

    private void write(HttpServletResponse response, Problem problem) throws IOException {
        listener.answered(problem);
        response.resetBuffer();
        problem.headers().forEach((name, values) -> set(response, name, values));
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(Problems.body(problem)));
    }

    private static void set(HttpServletResponse response, String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i == 0) {
                response.setHeader(name, values.get(i));
            } else {
                response.addHeader(name, values.get(i));
            }
        }
    }
}
