package io.github.wxlogin.server.api;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.token.AccessClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** {@code /v1/auth/*}: what a mini program calls to get the service's tokens. */
@RestController
class AuthController {

    private final LoginService logins;
    private final RefreshService refreshes;
    private final SessionService sessions;
    private final Apps apps;

    AuthController(LoginService logins, RefreshService refreshes, SessionService sessions, Apps apps) {
        this.apps = apps;
        this.logins = logins;
        this.refreshes = refreshes;
        this.sessions = sessions;
    }

    /** The body of a refresh. */
    record RefreshBody(Object refreshToken) {

        /** Anything but a string is no refresh token: 401 like any other, not 400. */
        String token() {
            return refreshToken instanceof String s ? s : null;
        }

        @Override
        public String toString() {
            return "RefreshBody[***]";
        }
    }

    /** The body of a login; unknown fields are ignored. {@code anonymousCode} is Douyin's, alone for a guest. */
    record LoginBody(String appId, String code, String anonymousCode) {

        /** Spring logs request bodies at DEBUG: the codes (good for 5 minutes) stay out of it. */
        @Override
        public String toString() {
            return "LoginBody[appId=" + appId + ", code=***, anonymousCode=***]";
        }
    }

    @PostMapping(
            path = "/v1/auth/login",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ResponseEntity<SessionJson>> login(@RequestBody LoginBody body, HttpServletRequest request) {
        // Asynchronous: no request thread waits while the platform answers (100-200 ms for WeChat), so
        // the number of request threads does not cap logins per second; Spring MVC answers on completion.
        // A login still running when the request times out (spring.mvc.async.request-timeout, answered
        // 503) is cancelled, so nothing is written for a client that was told it failed.
        CompletableFuture<SessionGrant> login =
                logins.loginAsync(body.appId(), body.code(), body.anonymousCode(), ClientInfos.of(request));
        DeferredResult<ResponseEntity<SessionJson>> answer = new DeferredResult<>();
        answer.onTimeout(() -> login.cancel(false));
        answer.onError(failure -> login.cancel(false));
        login.whenComplete((grant, failure) -> {
            if (failure instanceof CancellationException) {
                return; // cancelled by the timeout or the error above, which Spring answers itself (503)
            }
            if (failure == null) {
                answer.setResult(tokens(SessionJson.of(grant, apps)));
            } else {
                answer.setErrorResult(Futures.unwrap(failure));
            }
        });
        return answer;
    }

    @PostMapping(
            path = "/v1/auth/refresh",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionJson> refresh(@RequestBody RefreshBody body, HttpServletRequest request) {
        return tokens(SessionJson.of(refreshes.refresh(body.token(), ClientInfos.of(request)), apps));
    }

    @PostMapping("/v1/auth/logout")
    ResponseEntity<Void> logout(AccessClaims caller, HttpServletRequest request) {
        sessions.logout(caller, ClientInfos.of(request));
        return ResponseEntity.noContent().build();
    }

    /** A response carrying tokens is never cached (RFC 6749 section 5.1). */
    static ResponseEntity<SessionJson> tokens(SessionJson session) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(session);
    }
}
