package io.github.wxlogin.server.sessionkey;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.sessionkey.SessionKeyReset;
import io.github.wxlogin.server.api.ClientInfos;
import io.github.wxlogin.server.api.IsoTimes;
import io.github.wxlogin.server.web.PlatformCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/v1/users/{id}/reset-session-key} (behind the admin credential, as every path under
 * {@code /admin/}): WeChat gives the user's identity a new session_key ({@link SessionKeyReset}). The body
 * is optional: {@code {"appId"}} picks the identity when the user has several WeChat ones. The answer
 * names the identity and when its key changed, never the key.
 */
@RestController
class SessionKeyAdminController {

    private final SessionKeyReset reset;

    private final PlatformCalls platformCalls;

    SessionKeyAdminController(SessionKeyReset reset, PlatformCalls platformCalls) {
        this.reset = reset;
        this.platformCalls = platformCalls;
    }

    record ResetBody(String appId) {}

    record ResetJson(String userId, String appId, String openid, String sessionKeyChangedAt) {}

    @PostMapping(
            path = "/admin/v1/users/{id}/reset-session-key",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResetJson> resetSessionKey(
            @PathVariable("id") String id, @RequestBody(required = false) ResetBody body, HttpServletRequest request) {
        Optional<String> appId = Optional.ofNullable(body).map(ResetBody::appId).filter(a -> !a.isBlank());
        ClientInfo client = ClientInfos.of(request);
        // WeChat's reset: off the request threads (PlatformCalls).
        return platformCalls.call(() -> {
            SessionKeyReset.Reset done = reset.reset(id, appId, client);
            return new ResetJson(done.userId(), done.appId(), done.openid(), IsoTimes.of(done.changedAt()));
        });
    }
}
