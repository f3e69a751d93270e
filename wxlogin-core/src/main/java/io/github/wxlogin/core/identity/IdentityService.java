package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionEnding;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityRecord;
import io.github.wxlogin.core.user.UnlinkResult;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/me/identities} and {@code DELETE /v1/me/identities/{id}}: the caller's identities, and
 * one of them leaving the caller's user. Unlinking is one unit of work: the identity (and its unionid's
 * row, when no other identity of the user carries that unionid), the end of the user's sessions opened
 * through that app, and the audit rows; every instance forgets those sessions once it has committed.
 * The last identity stays ({@code last_identity}): a user must keep a way to log in.
 */
public final class IdentityService {

    private static final Logger log = LoggerFactory.getLogger(IdentityService.class);

    private final Apps apps;
    private final UserStore users;
    private final SessionEnding endings;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;

    public IdentityService(
            Apps apps, UserStore users, SessionEnding endings, Auditor audit, Transactions transactions, Clock clock) {
        this.apps = apps;
        this.users = users;
        this.endings = endings;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The caller's identities, oldest first. */
    public List<IdentityEntry> list(AccessClaims caller) {
        return users.identityRecords(caller.userId()).stream()
                .map(stored -> IdentityEntry.of(stored, apps))
                .toList();
    }

    /** Unlinks the caller's identity {@code identityId}; one that is not the caller's is not found. */
    public void unlink(AccessClaims caller, String identityId, ClientInfo client) {
        Identity identity = users.identityRecords(caller.userId()).stream()
                .map(IdentityRecord::identity)
                .filter(i -> i.id().equals(identityId))
                .findFirst()
                .orElseThrow(() -> new WxLoginException(ErrorCode.NOT_FOUND, "no such identity among yours"));
        transactions.inOne(() -> {
            UnlinkResult result =
                    users.unlinkIdentity(caller.userId(), identity.appId(), identity.openid(), clock.instant());
            switch (result) {
                case NOT_FOUND -> throw new WxLoginException(ErrorCode.NOT_FOUND, "no such identity among yours");
                case LAST_IDENTITY ->
                    throw new WxLoginException(
                            ErrorCode.LAST_IDENTITY,
                            "this is your user's only identity: without it the user could not log in");
                case UNLINKED -> {}
            }
            endings.endAll(caller.userId(), Optional.of(identity.appId()), "identity_unlinked", client);
            audit.write(
                    AuditType.IDENTITY_UNLINKED,
                    caller.userId(),
                    caller.sessionId(),
                    identity.appId(),
                    client,
                    "identity " + identityId + " unlinked");
            return null;
        });
        log.info("Identity {} of app={} unlinked from user={}", identityId, identity.appId(), caller.userId());
    }
}
