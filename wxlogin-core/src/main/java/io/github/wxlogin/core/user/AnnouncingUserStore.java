package io.github.wxlogin.core.user;

import io.github.wxlogin.core.support.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The user store as the core's services see it: every write that changes what {@code GET /v1/me}
 * answers makes every instance forget the user ({@link UserCache#announceChanged}) once the write has
 * committed. Not before: a read between the forget and the commit would put the old user back. Being
 * the one way the services write users, it is where a new write method must decide what it changes.
 * Reads pass straight through, to the store.
 *
 * <p>A failed announcement (Redis gone) is logged, not thrown: the change is committed and shown here,
 * and the other instances show the user as it was for the cache's ttl at most. Failing instead would
 * answer 503 for a login that spent its code, or stop a disable before it ends the user's sessions.
 */
public final class AnnouncingUserStore implements UserStore, PhoneStore {

    private final UserStore users;
    private final PhoneStore phones;
    private final UserCache cache;
    private final Transactions transactions;

    public AnnouncingUserStore(UserStore users, PhoneStore phones, UserCache cache, Transactions transactions) {
        this.users = users;
        this.phones = phones;
        this.cache = cache;
        this.transactions = transactions;
    }

    /** A login changes what is shown of a user that existed only when it changed its identities. */
    @Override
    public LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        LoginRecord record = users.recordLogin(claim, now);
        if (record.identitiesChanged()) {
            announce(record.account().user().id());
        }
        return record;
    }

    /** A link changes the user when an identity joined it, or a known one learned its unionid. */
    @Override
    public LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now) {
        LinkResult result = users.linkIdentity(userId, claim, now);
        if (result.changed()) {
            announce(userId);
        }
        return result;
    }

    @Override
    public UnlinkResult unlinkIdentity(String userId, String appId, String openid, Instant now) {
        UnlinkResult result = users.unlinkIdentity(userId, appId, openid, now);
        if (result == UnlinkResult.UNLINKED) {
            announce(userId);
        }
        return result;
    }

    /** Both: the user merged away is gone, the other has its identities (and maybe its phone) now. */
    @Override
    public MergeResult mergeUsers(String fromId, String intoId, Instant now) {
        MergeResult result = users.mergeUsers(fromId, intoId, now);
        if (result.outcome() == MergeResult.Outcome.MERGED) {
            announce(fromId);
            announce(intoId);
        }
        return result;
    }

    @Override
    public void lockUsers(List<String> userIds) {
        users.lockUsers(userIds);
    }

    @Override
    public boolean updateProfile(String userId, ProfileChange change, Instant now) {
        boolean found = users.updateProfile(userId, change, now);
        if (found) {
            announce(userId);
        }
        return found;
    }

    @Override
    public boolean setDisabled(String userId, boolean disabled, Instant now) {
        boolean found = users.setDisabled(userId, disabled, now);
        if (found) {
            announce(userId);
        }
        return found;
    }

    @Override
    public Binding bind(String userId, String phoneNumber, String countryCode, Instant now) {
        Binding binding = phones.bind(userId, phoneNumber, countryCode, now);
        if (binding == Binding.BOUND) {
            announce(userId);
        }
        return binding;
    }

    private void announce(String userId) {
        transactions.afterCommit(() -> cache.announceChanged(userId));
    }

    // ---- reads ----

    @Override
    public Optional<Account> findAccount(String userId, String appId) {
        return users.findAccount(userId, appId);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return users.findUser(userId);
    }

    @Override
    public List<Identity> identities(String userId) {
        return users.identities(userId);
    }

    @Override
    public List<IdentityRecord> identityRecords(String userId) {
        return users.identityRecords(userId);
    }

    @Override
    public List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        return users.userIdsByOpenid(openid, appId);
    }

    @Override
    public List<String> userIdsByUnionid(String unionid) {
        return users.userIdsByUnionid(unionid);
    }

    @Override
    public List<String> userIdsByPhone(String phoneNumber) {
        return users.userIdsByPhone(phoneNumber);
    }
}
