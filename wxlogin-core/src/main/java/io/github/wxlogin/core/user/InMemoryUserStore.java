package io.github.wxlogin.core.user;

import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.ProfileChange;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link UserStore} in memory for tests. Every method is synchronized, which makes
 * {@link #recordLogin} atomic the simple way. Users and identities can also be put in directly.
 */
public final class InMemoryUserStore implements UserStore {

    /** The session_key as stored on an identity: the current sealed key, its fingerprint, the previous one. */
    public record StoredSessionKey(String sealed, String fingerprint, Optional<String> previousSealed) {
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<Identity> identities = new ArrayList<>();
    /** (group, unionid) to user id: how apps of one group share users. */
    private final Map<String, String> unions = new LinkedHashMap<>();
    private final Map<String, StoredSessionKey> sessionKeys = new LinkedHashMap<>();

    // ---- the interface ----

    @Override
    public synchronized LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        Optional<Identity> known = identity(claim.appId(), claim.openid());
        String key = claim.appId() + '\0' + claim.openid();
        if (known.isPresent()) {
            StoredSessionKey old = sessionKeys.get(key);
            boolean same = old != null && old.fingerprint().equals(claim.sessionKeyFingerprint());
            sessionKeys.put(key, new StoredSessionKey(claim.sealedSessionKey(), claim.sessionKeyFingerprint(),
                    same ? old.previousSealed() : Optional.ofNullable(old).map(StoredSessionKey::sealed)));
            if (known.get().unionid().isEmpty() && claim.unionid().isPresent()) {
                identities.set(identities.indexOf(known.get()), new Identity(claim.appId(), claim.openid(),
                        known.get().userId(), claim.unionid()));
            }
            return new LoginRecord(findAccount(known.get().userId(), claim.appId()).orElseThrow(), false);
        }
        Optional<String> byUnion = claim.groupUnionid().map(u -> unions.get(claim.group().orElseThrow() + '\0' + u));
        String userId = byUnion.orElse(claim.newUserId());
        boolean created = byUnion.isEmpty();
        if (created) {
            users.put(userId, User.created(userId, now));
            claim.groupUnionid().ifPresent(u -> unions.put(claim.group().orElseThrow() + '\0' + u, userId));
        }
        identities.add(new Identity(claim.appId(), claim.openid(), userId, claim.unionid()));
        sessionKeys.put(key, new StoredSessionKey(claim.sealedSessionKey(), claim.sessionKeyFingerprint(),
                Optional.empty()));
        return new LoginRecord(findAccount(userId, claim.appId()).orElseThrow(), created);
    }

    @Override
    public synchronized Optional<Account> findAccount(String userId, String appId) {
        User user = users.get(userId);
        if (user == null) {
            return Optional.empty();
        }
        return identities.stream()
                .filter(i -> i.userId().equals(userId) && i.appId().equals(appId))
                .findFirst()
                .map(i -> new Account(user, i));
    }

    @Override
    public synchronized Optional<User> findUser(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public synchronized List<Identity> identities(String userId) {
        return identities.stream().filter(i -> i.userId().equals(userId)).toList();
    }

    @Override
    public synchronized List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        return identities.stream()
                .filter(i -> i.openid().equals(openid) && appId.map(i.appId()::equals).orElse(true))
                .map(Identity::userId)
                .toList();
    }

    @Override
    public synchronized List<String> userIdsByUnionid(String unionid) {
        return identities.stream()
                .filter(i -> i.unionid().filter(unionid::equals).isPresent())
                .map(Identity::userId)
                .distinct()
                .toList();
    }

    @Override
    public synchronized List<String> userIdsByPhone(String phoneNumber) {
        return users.values().stream()
                .filter(u -> u.phoneNumber().filter(phoneNumber::equals).isPresent())
                .map(User::id)
                .toList();
    }

    @Override
    public synchronized boolean updateProfile(String userId, ProfileChange change, Instant now) {
        User u = users.get(userId);
        if (u == null) {
            return false;
        }
        users.put(userId, new User(u.id(), change.nickname().or(u::nickname), change.avatarUrl().or(u::avatarUrl),
                u.phoneNumber(), u.countryCode(), u.disabled(), u.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean setDisabled(String userId, boolean disabled, Instant now) {
        User u = users.get(userId);
        if (u == null) {
            return false;
        }
        users.put(userId, new User(u.id(), u.nickname(), u.avatarUrl(), u.phoneNumber(), u.countryCode(), disabled,
                u.createdAt()));
        return true;
    }

    // ---- for tests ----

    /** Stores or replaces a user as given. */
    public synchronized void put(User user) {
        users.put(user.id(), user);
    }

    /** Adds an identity as given (its user should be put too). */
    public synchronized void put(Identity identity) {
        if (identity(identity.appId(), identity.openid()).isPresent()) {
            throw new IllegalStateException("identity exists: " + identity.appId() + "/" + identity.openid());
        }
        identities.add(identity);
    }

    /** Puts a new user with one identity in {@code appId}; the account. */
    public synchronized Account putAccount(String userId, String appId, String openid, Optional<String> unionid,
            Instant createdAt) {
        put(User.created(userId, createdAt));
        put(new Identity(appId, openid, userId, unionid));
        return findAccount(userId, appId).orElseThrow();
    }

    public synchronized Optional<StoredSessionKey> sessionKey(String appId, String openid) {
        return Optional.ofNullable(sessionKeys.get(appId + '\0' + openid));
    }

    public synchronized int userCount() {
        return users.size();
    }

    private Optional<Identity> identity(String appId, String openid) {
        return identities.stream().filter(i -> i.appId().equals(appId) && i.openid().equals(openid)).findFirst();
    }
}
