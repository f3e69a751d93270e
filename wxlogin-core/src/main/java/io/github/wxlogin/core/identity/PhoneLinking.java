package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link by phone ({@code WXLOGIN_LINK_BY_PHONE}): a verified phone number that another user holds links
 * the caller to that user instead of being refused, when the caller's user has nothing else to lose:
 * exactly one identity (the one the caller came through), no phone, no nickname, no avatar. The caller's
 * user is merged into the number's ({@link UserMerger}: its identity moves, its sessions end, it is
 * deleted) and a new session of the number's user is opened through the caller's app, all in one unit
 * of work. Off, or in any other case, nothing happens and the binding is refused as before.
 */
public final class PhoneLinking {

    private static final Logger log = LoggerFactory.getLogger(PhoneLinking.class);

    private final boolean enabled;
    private final UserStore users;
    private final UserMerger merger;
    private final SessionStarter sessions;
    private final Auditor audit;
    private final Transactions transactions;

    public PhoneLinking(
            boolean enabled,
            UserStore users,
            UserMerger merger,
            SessionStarter sessions,
            Auditor audit,
            Transactions transactions) {
        this.enabled = enabled;
        this.users = users;
        this.merger = merger;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Links the caller into the user that holds {@code phoneNumber}, if link by phone is on and the caller
     * may be linked; the new session of that user, through the caller's app. Empty: nothing changed.
     */
    public Optional<SessionGrant> link(AccessClaims caller, String phoneNumber, ClientInfo client) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<String> holder = users.userIdsByPhone(phoneNumber).stream()
                .filter(id -> !id.equals(caller.userId()))
                .findFirst();
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        SessionStarter.Opened opened = transactions.inOne(() -> linkInUnit(caller, holder.get(), phoneNumber, client));
        if (opened == null) {
            return Optional.empty();
        }
        log.info(
                "Phone binding linked user={} into user={} (link by phone), session={}",
                caller.userId(),
                holder.get(),
                opened.session().id());
        return Optional.of(opened.grant());
    }

    private SessionStarter.Opened linkInUnit(
            AccessClaims caller, String holderId, String phoneNumber, ClientInfo client) {
        users.lockUsers(List.of(caller.userId(), holderId));
        Optional<User> mine = users.findUser(caller.userId());
        boolean stillHolds = users.findUser(holderId)
                .flatMap(User::phoneNumber)
                .filter(phoneNumber::equals)
                .isPresent();
        if (mine.isEmpty()
                || !stillHolds
                || !nothingToLose(mine.get(), users.identities(caller.userId()), caller.appId())
                || !merger.mergeable(caller.userId(), holderId)) {
            return null;
        }
        merger.merge(caller.userId(), holderId, "(link by phone)", client);
        Account account = users.findAccount(holderId, caller.appId()).orElseThrow();
        SessionStarter.Opened opened = sessions.open(account, false, client);
        audit.write(
                AuditType.LOGIN,
                holderId,
                opened.session().id(),
                caller.appId(),
                client,
                "linked by phone: user " + caller.userId() + " merged into this one");
        return opened;
    }

    /** This one identity (the caller's), no phone, no profile: a brand-new user. */
    private static boolean nothingToLose(User user, List<Identity> identities, String appId) {
        return identities.size() == 1
                && identities.get(0).appId().equals(appId)
                && user.phoneNumber().isEmpty()
                && user.nickname().isEmpty()
                && user.avatarUrl().isEmpty();
    }
}
