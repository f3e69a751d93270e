package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the contract's problem+json answers: type, title, status, code, detail. */
public final class Problems {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    /** The detail of a 503 when Redis, the fleet's shared state, cannot be reached. */
    public static final String SHARED_STATE_GONE = "the service's shared state is unavailable; try again shortly";
    static final String TYPE_BASE = "https://github.com/wxlogin/wxlogin/blob/main/docs/errors.md#";

    private Problems() {
    }

    static ProblemDetail body(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                org.springframework.http.HttpStatusCode.valueOf(code.status()), detail);
        problem.setType(URI.create(TYPE_BASE + code.code()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        TraceIds.current().ifPresent(id -> problem.setProperty("traceId", id));
        return problem;
    }

    static ResponseEntity<Object> response(ErrorCode code, String detail, Duration retryAfter) {
        retryAfter = retryAfterFor(code, retryAfter);
        HttpHeaders headers = new HttpHeaders();
        if (code == ErrorCode.INVALID_TOKEN || code == ErrorCode.TOKEN_REUSED) {
            // RFC 6750: a refused bearer token says so in WWW-Authenticate.
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        }
        return ResponseEntity.status(code.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(code, detail));
    }

    /** Every 429 and 503 says when to come back: the given wait, or a default of 5 s. */
    static Duration retryAfterFor(ErrorCode code, Duration retryAfter) {
        boolean mustSay = code.status() == 429 || code.status() == 503;
        return retryAfter == null && mustSay ? DEFAULT_RETRY_AFTER : retryAfter;
    }

    /** A wait as {@code Retry-After} seconds: rounded up, at least one. */
    static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** The contract's code for a status Spring answered on its own (404, 405, 415, …). */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.INVALID_TOKEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UPSTREAM_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }

    /** A detail for a status Spring answered on its own, without echoing the request. */
    static String detailForStatus(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "this resource answers application/json only";
            case 413 -> "the request body is over the 64 KiB limit";
            case 415 -> "the request body must be application/json";
            default -> status >= 500 ? "the service failed; the error is logged" : "the request is malformed";
        };
    }
}
