package io.github.wxlogin.server.problem;

import io.github.wxlogin.core.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One error answer before it is written: the HTTP status, the contract's code, the detail the client
 * reads, and the headers that go with it ({@code WWW-Authenticate}, {@code Retry-After}, Spring's
 * {@code Allow}). Made by {@link ProblemMapping} only; written by the advice, {@link ProblemWriter} and
 * the error pages alike.
 */
public record Problem(int status, ErrorCode code, String detail, Map<String, List<String>> headers) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }
}
