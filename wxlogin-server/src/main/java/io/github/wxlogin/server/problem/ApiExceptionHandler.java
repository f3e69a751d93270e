package io.github.wxlogin.server.problem;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.store.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a controller call ends in, as problem+json through {@link ProblemMapping}: the
 * service's own {@link WxLoginException}s, Spring MVC's own refusals (404, 405, 415, unreadable JSON;
 * Spring's base class sorts those out first), and anything unexpected (500, logged, never described
 * to the client).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemListener listener;

    ApiExceptionHandler(ProblemListener listener) {
        this.listener = listener;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failed(Exception e) {
        return answer(e);
    }

    /** Spring's own refusals; their status and headers (Allow, Accept) are the exception's, which the mapping reads. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(e);
    }

    private ResponseEntity<Object> answer(Exception e) {
        Problem problem = ProblemMapping.from(e);
        // A database out of reach is logged where it is sorted out (DatabaseFailures), without a stack trace.
        if (problem.status() >= 500 && !(e instanceof WxLoginException) && !DatabaseFailures.unreachable(e)) {
            log.error("Unexpected error ({})", e.getClass().getName(), e);
        }
        listener.answered(problem);
        return Problems.response(problem);
    }
}
