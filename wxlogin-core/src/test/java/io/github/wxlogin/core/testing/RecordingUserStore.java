package io.github.wxlogin.core.testing;

import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.IdentityRecord;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.MergeResult;
import io.github.wxlogin.core.user.PhoneStore;
import io.github.wxlogin.core.user.ProfileChange;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.StoredSessionKeys;
import io.github.wxlogin.core.user.UnlinkResult;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A user store that passes every call on to another, counts the reads of accounts, and can hold one
 * read after it has read the store: what a slow database does to a read that a change overtakes.
 */
public final class RecordingUserStore<S extends UserStore & PhoneStore & SessionKeyStore>
        implements UserStore, PhoneStore, SessionKeyStore {

    /** A read held after it read the store, until released. */
    public static final class Hold {
        private final CountDownLatch read = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the held read has read the store (10 s at most, against a hang). */
        public void awaitRead() throws InterruptedException {
            if (!read.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the read never came");
            }
        }

        /** Lets the held read answer what it read. */
        public void release() {
            released.countDown();
        }

        private void hold() {
            read.countDown();
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the held read was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private final S store;
    private final AtomicInteger accountReads = new AtomicInteger();
    private final AtomicReference<Hold> next = new AtomicReference<>();

    public RecordingUserStore(S store) {
        this.store = store;
    }

    /** How often {@link #findAccount} was called. */
    public int accountReads() {
        return accountReads.get();
    }

    /** Holds the next {@link #findAccount} once it has read the store, until the hold is released. */
    public Hold holdNextAccountRead() {
        Hold hold = new Hold();
        next.set(hold);
        return hold;
    }

    @Override
    public Optional<Account> findAccount(String userId, String appId) {
        accountReads.incrementAndGet();
        Hold hold = next.getAndSet(null);
        Optional<Account> found = store.findAccount(userId, appId);
        if (hold != null) {
            hold.hold();
        }
        return found;
    }

    @Override
    public LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        return store.recordLogin(claim, now);
    }

    @Override
    public LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now) {
        return store.linkIdentity(userId, claim, now);
    }

    @Override
    public UnlinkResult unlinkIdentity(String userId, String appId, String openid, Instant now) {
        return store.unlinkIdentity(userId, appId, openid, now);
    }

    @Override
    public MergeResult mergeUsers(String fromId, String intoId, Instant now) {
        return store.mergeUsers(fromId, intoId, now);
    }

    @Override
    public void lockUsers(List<String> userIds) {
        store.lockUsers(userIds);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return store.findUser(userId);
    }

    @Override
    public List<IdentityRecord> identityRecords(String userId) {
        return store.identityRecords(userId);
    }

    @Override
    public List<Identity> identities(String userId) {
        return store.identities(userId);
    }

    @Override
    public List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        return store.userIdsByOpenid(openid, appId);
    }

    @Override
    public List<String> userIdsByUnionid(String unionid) {
        return store.userIdsByUnionid(unionid);
    }

    @Override
    public List<String> userIdsByPhone(String phoneNumber) {
        return store.userIdsByPhone(phoneNumber);
    }

    @Override
    public boolean updateProfile(String userId, ProfileChange change, Instant now) {
        return store.updateProfile(userId, change, now);
    }

    @Override
    public boolean setDisabled(String userId, boolean disabled, Instant now) {
        return store.setDisabled(userId, disabled, now);
    }

    @Override
    public Binding bind(String userId, String phoneNumber, String countryCode, Instant now) {
        return store.bind(userId, phoneNumber, countryCode, now);
    }

    @Override
    public Optional<StoredSessionKeys> find(String userId, String appId) {
        return store.find(userId, appId);
    }
}
