package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors outside Spring MVC, such as a malformed URL refused
 * by Tomcat): problem+json like every other error, never the white-label HTML page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ErrorCounter errors;

    ProblemErrorController(ErrorCounter errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer)) {
            // /error asked for directly: there is no error to report, and no such resource.
            return Problems.response(ErrorCode.NOT_FOUND, Problems.detailForStatus(404), null);
        }
        int code = (Integer) status;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                code = 413;
            }
        }
        ErrorCode errorCode = Problems.forStatus(code);
        errors.count(errorCode);
        return Problems.response(errorCode, Problems.detailForStatus(code), null);
    }
}
