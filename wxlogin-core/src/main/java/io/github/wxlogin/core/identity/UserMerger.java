package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionEnding;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.MergeResult;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user merged into another, all or nothing, in one unit of work (joining the caller's when one is
 * open): the two users held first ({@link UserStore#lockUsers}); the merge refused, with nothing
 * changed, when either is unknown or both have an identity in one app; then the sessions of the user
 * merged away ended (and, after the commit, forgotten by every instance) and deleted, its identities,
 * unionids, phone and profile moved ({@link UserStore#mergeUsers}), its audit history re-pointed, and
 * the merge audited with both ids. Every instance forgets both users once it has committed. What the
 * admin API's merge and a phone binding that links (link by phone) share.
 */
public final class UserMerger {

    private static final Logger log = LoggerFactory.getLogger(UserMerger.class);

    private final UserStore users;
    private final SessionStore sessions;
    private final SessionEnding endings;
    private final AuditLog auditLog;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;

    public UserMerger(
            UserStore users,
            SessionStore sessions,
            SessionEnding endings,
            AuditLog auditLog,
            Auditor audit,
            Transactions transactions,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.endings = endings;
        this.auditLog = auditLog;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Merges user {@code fromId} into user {@code intoId}; the user {@code intoId} as it now is.
     *
     * @param why how the merge came about, for the audit row and the log ("by an administrator")
     * @throws WxLoginException {@code invalid_request} when the two are one user, {@code not_found} when
     *     either is unknown, {@code identity_in_use} when both have an identity in one app
     */
    public User merge(String fromId, String intoId, String why, ClientInfo client) {
        if (fromId.equals(intoId)) {
            throw WxLoginException.invalidRequest("a user cannot be merged into itself");
        }
        User merged = transactions.inOne(() -> {
            users.lockUsers(List.of(fromId, intoId));
            // Refused before anything is written, so nothing changes on a store without transactions too.
            refusal(fromId, intoId).ifPresent(e -> {
                throw e;
            });
            endings.endAll(fromId, Optional.empty(), "user_merged", client);
            sessions.deleteAllOfUser(fromId);
            MergeResult result = users.mergeUsers(fromId, intoId, clock.instant());
            if (result.outcome() != MergeResult.Outcome.MERGED) {
                // Changed since it was read: the unit is rolled back whole.
                throw result.outcome() == MergeResult.Outcome.NO_SUCH_USER
                        ? new WxLoginException(ErrorCode.NOT_FOUND, "no such user")
                        : new WxLoginException(
                                ErrorCode.IDENTITY_IN_USE,
                                "both users have an identity in one app: a user has one identity per app; nothing changed");
            }
            auditLog.reassign(fromId, intoId);
            audit.write(
                    AuditType.USER_MERGED,
                    intoId,
                    null,
                    null,
                    client,
                    "user " + fromId + " merged into " + intoId + " " + why);
            return result.user().orElseThrow();
        });
        log.info("User {} merged into user {} ({})", fromId, intoId, why);
        return merged;
    }

    /** Why merging {@code fromId} into {@code intoId} would be refused, if it would be. */
    private Optional<WxLoginException> refusal(String fromId, String intoId) {
        if (users.findUser(fromId).isEmpty() || users.findUser(intoId).isEmpty()) {
            return Optional.of(new WxLoginException(ErrorCode.NOT_FOUND, "no such user"));
        }
        Set<String> intoApps =
                users.identities(intoId).stream().map(Identity::appId).collect(Collectors.toSet());
        return users.identities(fromId).stream()
                .map(Identity::appId)
                .filter(intoApps::contains)
                .findFirst()
                .map(app -> new WxLoginException(
                        ErrorCode.IDENTITY_IN_USE,
                        "both users have an identity in app " + app
                                + ": a user has one identity per app; unlink one of them first; nothing changed"));
    }

    /** Whether both users exist and merging them would not put two identities of one app on one user. */
    boolean mergeable(String fromId, String intoId) {
        return !fromId.equals(intoId) && refusal(fromId, intoId).isEmpty();
    }
}
