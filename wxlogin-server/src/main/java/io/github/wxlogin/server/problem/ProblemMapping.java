package io.github.wxlogin.server.problem;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.store.DatabaseFailures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;

/**
 * The one place a failure becomes an answer: status, the contract's code, the detail shown to the
 * client, and the headers that go with them. The advice, the filters' writer, the error page, the
 * Tomcat valve and the metrics all ask here, so a code cannot be answered one way and counted another.
 * Adapters throw the core's {@link WxLoginException} (a shared-state outage is
 * {@code upstream_unavailable}), so no vendor type needs to be known here. A database out of reach is
 * {@code upstream_unavailable} too, on whatever path its failure comes ({@link DatabaseFailures} tells):
 * the stores' units of work say so themselves, a read outside one is sorted out here.
 */
public final class ProblemMapping {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final String NOT_JSON = "the body is not the JSON object this call takes";

    private ProblemMapping() {}

    /**
     * The answer to a failure: a {@link WxLoginException} as it says; the database out of reach, 503
     * {@code upstream_unavailable}; a body over the limit anywhere
     * among the causes, 413; Spring MVC's own refusals (404, 405, 415, unreadable JSON, …) by their
     * status; anything else 500, never described to the client.
     */
    public static Problem from(Throwable failure) {
        if (failure instanceof WxLoginException e) {
            return of(e.code(), e.detail(), e.retryAfter().orElse(null));
        }
        if (DatabaseFailures.unreachable(failure)) {
            return from(DatabaseFailures.unavailable(failure));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return bySpringStatus(413, HttpHeaders.EMPTY);
            }
            if (t instanceof InvalidParameterException) {
                // Tomcat parses the query string when a controller first reads a parameter: a broken
                // %-escape or bytes that are not UTF-8 are the client's mistake, never echoed.
                return of(ErrorCode.INVALID_REQUEST, "the query string is malformed", null);
            }
        }
        if (failure instanceof HttpMessageNotReadableException) {
            // Jackson's message quotes the input: never echo it.
            return of(ErrorCode.INVALID_REQUEST, NOT_JSON, null);
        }
        if (failure instanceof ErrorResponse e) {
            return bySpringStatus(e.getStatusCode().value(), e.getHeaders());
        }
        if (failure instanceof TypeMismatchException && !(failure instanceof ConversionNotSupportedException)) {
            return bySpringStatus(400, HttpHeaders.EMPTY);
        }
        return bySpringStatus(500, HttpHeaders.EMPTY);
    }

    /** The answer with this code and detail; {@code retryAfter} may be null (429 and 503 then say 5 s). */
    public static Problem of(ErrorCode code, String detail, Duration retryAfter) {
        return new Problem(code.status(), code, detail, headers(code, retryAfter, HttpHeaders.EMPTY));
    }

    /**
     * The answer to a request the servlet container refused with this status before any servlet ran:
     * the status stays the container's, the code and detail are the ones for it.
     */
    public static Problem ofStatus(int status) {
        ErrorCode code = forStatus(status);
        return new Problem(status, code, detailForStatus(status), headers(code, null, HttpHeaders.EMPTY));
    }

    /** A status Spring decided on its own: answered with the contract's code for it, and Spring's headers. */
    private static Problem bySpringStatus(int status, HttpHeaders springHeaders) {
        ErrorCode code = forStatus(status);
        return new Problem(code.status(), code, detailForStatus(status), headers(code, null, springHeaders));
    }

    private static Map<String, List<String>> headers(ErrorCode code, Duration retryAfter, HttpHeaders springHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        springHeaders.forEach(headers::put);
        if (code == ErrorCode.INVALID_TOKEN || code == ErrorCode.TOKEN_REUSED) {
            // RFC 6750: a refused bearer token says so in WWW-Authenticate.
            headers.put(HttpHeaders.WWW_AUTHENTICATE, List.of("Bearer error=\"invalid_token\""));
        }
        // Every 429 and 503 says when to come back: the given wait, or a default of 5 s.
        if (retryAfter == null && (code.status() == 429 || code.status() == 503)) {
            retryAfter = DEFAULT_RETRY_AFTER;
        }
        if (retryAfter != null) {
            headers.put(HttpHeaders.RETRY_AFTER, List.of(retryAfterSeconds(retryAfter)));
        }
        return headers;
    }

    /** A wait as {@code Retry-After} seconds: rounded up, at least one. */
    static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** The contract's code for a status Spring or the container answered on its own (404, 405, 415, …). */
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

    /** A detail for a status Spring or the container answered on its own, without echoing the request. */
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
