package io.github.wxlogin.core.admin;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.identity.UserMerger;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin API does: find users, disable and enable them, end their sessions, merge two of them,
 * read the audit log.
 */
public final class AdminService {

    private static final Logger log = LoggerFactory.getLogger(AdminService.class);
    public static final int MAX_PAGE = 200;

    private final UserStore users;
    private final SessionService sessions;
    private final AuditLog auditLog;
    private final Auditor audit;
    private final SigningKeys keys;
    private final UserMerger merger;
    private final Clock clock;

    public AdminService(
            UserStore users,
            SessionService sessions,
            AuditLog auditLog,
            Auditor audit,
            SigningKeys keys,
            UserMerger merger,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.auditLog = auditLog;
        this.audit = audit;
        this.keys = keys;
        this.merger = merger;
        this.clock = clock;
    }

    public AdminUser user(String userId) {
        return users.findUser(userId)
                .map(u -> new AdminUser(u, users.identities(u.id())))
                .orElseThrow(() -> new WxLoginException(ErrorCode.NOT_FOUND, "no such user"));
    }

    /** Users by exactly one of openid (optionally in one app), unionid or phone number. */
    public List<AdminUser> search(
            Optional<String> openid, Optional<String> appId, Optional<String> unionid, Optional<String> phone) {
        int given = (openid.isPresent() ? 1 : 0) + (unionid.isPresent() ? 1 : 0) + (phone.isPresent() ? 1 : 0);
        if (given != 1) {
            throw WxLoginException.invalidRequest("give exactly one of openid, unionid or phone");
        }
        List<String> ids = openid.map(o -> users.userIdsByOpenid(o, appId))
                .or(() -> unionid.map(users::userIdsByUnionid))
                .orElseGet(() -> users.userIdsByPhone(phone.orElseThrow()));
        return ids.stream().distinct().map(this::user).toList();
    }

    /** Disables a user: every session ends now, and later logins and refreshes are refused. */
    public AdminUser disable(String userId, ClientInfo admin) {
        if (!users.setDisabled(userId, true, clock.instant())) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "no such user");
        }
        sessions.endAll(userId, "user_disabled", admin);
        audit.record(AuditType.USER_DISABLED, userId, null, null, admin, "disabled by an administrator");
        log.info("User {} disabled by an administrator", userId);
        return user(userId);
    }

    public AdminUser enable(String userId, ClientInfo admin) {
        if (!users.setDisabled(userId, false, clock.instant())) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "no such user");
        }
        audit.record(AuditType.USER_ENABLED, userId, null, null, admin, "enabled by an administrator");
        log.info("User {} enabled by an administrator", userId);
        return user(userId);
    }

    /** Ends all of a user's sessions; the number ended. */
    public int endSessions(String userId, ClientInfo admin) {
        user(userId);
        return sessions.endAll(userId, "ended_by_admin", admin);
    }

    /**
     * Merges user {@code fromId} into user {@code intoId} ({@link UserMerger}): its identities, phone
     * (when {@code intoId} has none), profile (where {@code intoId}'s is empty) and history move, its
     * sessions end, and it is deleted.
     */
    public AdminUser merge(String intoId, String fromId, ClientInfo admin) {
        if (fromId == null || fromId.isBlank()) {
            throw WxLoginException.invalidRequest("from must name the user to merge into this one");
        }
        if (!Ids.couldBeUserId(fromId)) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "no such user");
        }
        merger.merge(fromId, intoId, "by an administrator", admin);
        return user(intoId);
    }

    public List<AuditEvent> audit(Optional<AuditLog.Cursor> before, Optional<String> userId, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw WxLoginException.invalidRequest("limit must be 1-" + MAX_PAGE);
        }
        return auditLog.page(before, userId, limit);
    }

    /** Makes a new signing key current; the one it replaces still verifies, older ones retire. */
    public String rotateSigningKey(ClientInfo admin) {
        String kid = keys.rotate();
        audit.record(AuditType.SIGNING_KEY_ROTATED, null, null, null, admin, "new key " + kid);
        return kid;
    }
}
