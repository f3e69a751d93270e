package io.github.wxlogin.server.api;

import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.token.AccessClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/sessions}: the caller's devices, and ending one of them. */
@RestController
class SessionsController {

    private final SessionService sessions;

    SessionsController(SessionService sessions) {
        this.sessions = sessions;
    }

    record SessionView(
            String id, String appId, String createdAt, String lastUsedAt, String userAgent, boolean current) {

        static SessionView of(SessionRecord s, String currentId) {
            return new SessionView(
                    s.id(),
                    s.appId(),
                    IsoTimes.of(s.createdAt()),
                    IsoTimes.of(s.lastUsedAt()),
                    s.userAgent().orElse(null),
                    s.id().equals(currentId));
        }
    }

    record SessionList(List<SessionView> sessions) {}

    @GetMapping(path = "/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    SessionList list(AccessClaims caller) {
        return new SessionList(sessions.list(caller).stream()
                .map(s -> SessionView.of(s, caller.sessionId()))
                .toList());
    }

    @DeleteMapping("/v1/sessions/{id}")
    ResponseEntity<Void> end(AccessClaims caller, @PathVariable("id") String id, HttpServletRequest request) {
        sessions.endOwn(caller, id, ClientInfos.of(request));
        return ResponseEntity.noContent().build();
    }
}
