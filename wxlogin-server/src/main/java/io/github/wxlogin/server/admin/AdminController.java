package io.github.wxlogin.server.admin;

import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.admin.AdminUser;
import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.server.api.ClientInfos;
import io.github.wxlogin.server.api.IsoTimes;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API under {@code /admin/v1}; {@link AdminAuthFilter} lets only the admin credential in. */
@RestController
@RequestMapping(path = "/admin/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminController {

    private final AdminService admin;

    AdminController(AdminService admin) {
        this.admin = admin;
    }

    record IdentityView(String appId, String openid, String unionid) {}

    /** A user with all its identities; never a session_key. */
    record UserView(
            String id,
            String nickname,
            String avatarUrl,
            String phoneNumber,
            String countryCode,
            boolean disabled,
            String createdAt,
            List<IdentityView> identities) {

        static UserView of(AdminUser a) {
            var u = a.user();
            return new UserView(
                    u.id(),
                    u.nickname().orElse(null),
                    u.avatarUrl().orElse(null),
                    u.phoneNumber().orElse(null),
                    u.countryCode().orElse(null),
                    u.disabled(),
                    IsoTimes.of(u.createdAt()),
                    a.identities().stream()
                            .map(i -> new IdentityView(
                                    i.appId(), i.openid(), i.unionid().orElse(null)))
                            .toList());
        }
    }

    record UserList(List<UserView> users) {}

    record EventView(
            String id,
            String type,
            String at,
            String userId,
            String sessionId,
            String appId,
            String clientIp,
            String userAgent,
            String detail) {

        static EventView of(AuditEvent e) {
            return new EventView(
                    e.id(),
                    e.type().code(),
                    e.at().toString(),
                    e.userId().orElse(null),
                    e.sessionId().orElse(null),
                    e.appId().orElse(null),
                    e.client().ip().orElse(null),
                    e.client().userAgent().orElse(null),
                    e.detail().orElse(null));
        }
    }

    /** A page of events, newest first; {@code next} is the cursor of the following page, null at the end. */
    record EventPage(List<EventView> events, String next) {}

    @GetMapping("/users/{id}")
    UserView user(@PathVariable("id") String id) {
        return UserView.of(admin.user(id));
    }

    @GetMapping("/users")
    UserList search(
            @RequestParam(name = "openid", required = false) String openid,
            @RequestParam(name = "appId", required = false) String appId,
            @RequestParam(name = "unionid", required = false) String unionid,
            @RequestParam(name = "phone", required = false) String phone) {
        return new UserList(admin.search(nonBlank(openid), nonBlank(appId), nonBlank(unionid), nonBlank(phone)).stream()
                .map(UserView::of)
                .toList());
    }

    @PostMapping("/users/{id}/disable")
    UserView disable(@PathVariable("id") String id, HttpServletRequest request) {
        return UserView.of(admin.disable(id, ClientInfos.of(request)));
    }

    @PostMapping("/users/{id}/enable")
    UserView enable(@PathVariable("id") String id, HttpServletRequest request) {
        return UserView.of(admin.enable(id, ClientInfos.of(request)));
    }

    @DeleteMapping("/users/{id}/sessions")
    Map<String, Integer> endSessions(@PathVariable("id") String id, HttpServletRequest request) {
        return Map.of("ended", admin.endSessions(id, ClientInfos.of(request)));
    }

    /** The body of a merge: the user merged into {@code {id}}; unknown fields are ignored. */
    record MergeBody(String from) {}

    @PostMapping(path = "/users/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView merge(@PathVariable("id") String id, @RequestBody MergeBody body, HttpServletRequest request) {
        return UserView.of(admin.merge(id, body.from(), ClientInfos.of(request)));
    }

    @GetMapping("/audit")
    EventPage audit(
            @RequestParam(name = "limit", defaultValue = "50") String limit,
            @RequestParam(name = "before", required = false) String before,
            @RequestParam(name = "userId", required = false) String userId) {
        int n = parseLimit(limit);
        List<AuditEvent> events = admin.audit(nonBlank(before).map(AdminController::cursor), nonBlank(userId), n);
        String next = events.size() == n
                ? events.get(n - 1).at().toEpochMilli() + "~"
                        + events.get(n - 1).id()
                : null;
        return new EventPage(events.stream().map(EventView::of).toList(), next);
    }

    @PostMapping("/signing-keys/rotate")
    Map<String, String> rotate(HttpServletRequest request) {
        return Map.of("kid", admin.rotateSigningKey(ClientInfos.of(request)));
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw WxLoginException.invalidRequest("limit must be a whole number 1-" + AdminService.MAX_PAGE);
        }
    }

    /** A cursor is {@code <epoch millis>~<event id>}, as given in {@code next}. */
    private static AuditLog.Cursor cursor(String text) {
        int sep = text.indexOf('~');
        try {
            if (sep < 1 || sep == text.length() - 1) {
                throw new NumberFormatException();
            }
            return new AuditLog.Cursor(
                    Instant.ofEpochMilli(Long.parseLong(text.substring(0, sep))), text.substring(sep + 1));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw WxLoginException.invalidRequest("before must be a cursor from a previous page's next");
        }
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isBlank());
    }
}
