package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.UserStore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/me}: the caller's own user. */
@RestController
class MeController {

    private final UserStore users;

    MeController(UserStore users) {
        this.users = users;
    }

    @GetMapping(path = "/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    UserJson me(AccessClaims caller) {
        return users.findAccount(caller.userId(), caller.appId())
                .map(UserJson::of)
                .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists"));
    }
}
