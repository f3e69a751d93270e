package io.github.wxlogin.server.api;

import io.github.wxlogin.core.login.LoginService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/auth/*}: what a mini program calls to get the service's tokens. */
@RestController
class AuthController {

    private final LoginService logins;

    AuthController(LoginService logins) {
        this.logins = logins;
    }

    /** The body of a login; unknown fields are ignored. */
    record LoginBody(String appId, String code) {
    }

    @PostMapping(path = "/v1/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionJson> login(@RequestBody LoginBody body, HttpServletRequest request) {
        return tokens(SessionJson.of(logins.login(body.appId(), body.code(), ClientInfos.of(request))));
    }

    /** A response carrying tokens is never cached (RFC 6749 section 5.1). */
    static ResponseEntity<SessionJson> tokens(SessionJson session) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(session);
    }
}
