package io.github.wxlogin.server.problem;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors outside Spring MVC, such as a malformed URL refused
 * by Tomcat): problem+json like every other error, never the white-label HTML page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemListener listener;

    ProblemErrorController(ProblemListener listener) {
        this.listener = listener;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer code)) {
            // /error asked for directly: there is no error to report, and no such resource.
            return Problems.response(ProblemMapping.ofStatus(404));
        }
        // The container's status, caused by the failure if there was one (a body over the limit is 413).
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Problem problem = ProblemMapping.from(new ErrorResponseException(HttpStatusCode.valueOf(code), failure));
        listener.answered(problem);
        return Problems.response(problem);
    }
}
