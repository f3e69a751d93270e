package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API answers, as problem+json with the contract's code: the service's own
 * {@link WxLoginException}s, Spring MVC's own refusals (404, 405, 415, unreadable JSON), and
 * anything unexpected (500, logged, never described to the client).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorCounter errors;

    ApiExceptionHandler(ErrorCounter errors) {
        this.errors = errors;
    }

    private ResponseEntity<Object> answer(ErrorCode code, String detail, java.time.Duration retryAfter) {
        errors.count(code);
        return Problems.response(code, detail, retryAfter);
    }

    @ExceptionHandler(WxLoginException.class)
    ResponseEntity<Object> wxlogin(WxLoginException e) {
        return answer(e.code(), e.detail(), e.retryAfter().orElse(null));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(BodyTooLargeException e) {
        return answer(ErrorCode.PAYLOAD_TOO_LARGE, Problems.detailForStatus(413), null);
    }

    /** Redis (the fleet's shared state) is gone: refuse rather than break a guarantee silently. */
    @ExceptionHandler(io.lettuce.core.RedisException.class)
    ResponseEntity<Object> sharedStateGone(io.lettuce.core.RedisException e) {
        log.warn("Redis unavailable ({})", e.getClass().getSimpleName());
        return answer(ErrorCode.UPSTREAM_UNAVAILABLE, Problems.SHARED_STATE_GONE, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error ({})", e.getClass().getName(), e);
        return answer(ErrorCode.INTERNAL_ERROR, Problems.detailForStatus(500), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedByTooLarge(e)) {
            return tooLarge(null);
        }
        // Jackson's message quotes the input: never echo it.
        return answer(ErrorCode.INVALID_REQUEST, "the body is not the JSON object this call takes", null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ErrorCode code = Problems.forStatus(status.value());
        if (status.is5xxServerError()) {
            log.error("Request failed ({})", e.getClass().getName(), e);
        }
        ResponseEntity<Object> answer = answer(code, Problems.detailForStatus(status.value()), null);
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        merged.putAll(answer.getHeaders());
        return new ResponseEntity<>(answer.getBody(), merged, answer.getStatusCode());
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
