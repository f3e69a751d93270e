package io.github.wxlogin.server.api;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.ProfileChange;
import io.github.wxlogin.core.user.ProfileService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/me}: the caller's own user. */
@RestController
class MeController {

    private final ProfileService profiles;
    private final Apps apps;

    MeController(ProfileService profiles, Apps apps) {
        this.profiles = profiles;
        this.apps = apps;
    }

    /** The fields a client may change; a field left out (or null) stays as it is. */
    record ProfileBody(String nickname, String avatarUrl) {}

    @GetMapping(path = "/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    UserJson me(AccessClaims caller) {
        return UserJson.of(profiles.me(caller), apps);
    }

    @PatchMapping(
            path = "/v1/me",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    UserJson update(AccessClaims caller, @RequestBody ProfileBody body) {
        // Validated whole before anything is written: a refused update changes nothing.
        ProfileChange change = ProfileChange.of(body.nickname(), body.avatarUrl());
        return UserJson.of(profiles.update(caller, change), apps);
    }
}
