package io.github.wxlogin.core.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users, their identities and their sealed session_keys in one process's memory, with the semantics of
 * the JDBC store: the uniqueness the database's constraints give ((app, openid) per identity,
 * (group, unionid) per user, a phone number per user) is kept by indexes here, and every method is
 * synchronized, so each call is atomic and concurrent first logins of one WeChat user end with one user
 * and one identity. Nothing survives the process; for a single instance, development and tests.
 */
public final class InMemoryUserStore implements UserStore, PhoneStore, SessionKeyStore, GuestStore {

    /** Orders a user's identities as the JDBC store does: by creation, then by app. */
    private static final Comparator<StoredIdentity> CREATION_ORDER = Comparator.comparing(StoredIdentity::createdAt)
            .thenComparing(i -> i.identity().appId());

    /** (app, openid): the key of an identity. */
    private record IdentityKey(String appId, String openid) {}

    /** (group, unionid): how the apps of one open-platform group share a user. */
    private record UnionKey(String group, String unionid) {}

    /** An identity with its creation time and its session_keys; none of them when put directly. */
    private record StoredIdentity(Identity identity, Instant createdAt, Optional<SessionKeys> keys) {}

    /** The sealed current key, its fingerprint, the key it replaced, and when the current one arrived. */
    private record SessionKeys(String sealed, String fingerprint, Optional<String> previousSealed, Instant changedAt) {}

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<IdentityKey, StoredIdentity> identities = new LinkedHashMap<>();
    /** The identity keys of each user, in the order they were added. */
    private final Map<String, Set<IdentityKey>> identitiesOfUser = new HashMap<>();

    private final Map<UnionKey, String> unions = new HashMap<>();
    private final Map<String, String> userByPhone = new HashMap<>();

    // ---- UserStore ----

    /**
     * Atomic: finds the identity by (app, openid), or else the user by (group, unionid), or else creates
     * the user; then stores the session_key, keeping the one it replaces as the previous key when the
     * fingerprint differs. A known identity without a unionid learns the claim's. The record says
     * whether the identities of a user that existed changed (a unionid learnt, an identity joined).
     */
    @Override
    public synchronized LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        IdentityKey key = new IdentityKey(claim.appId(), claim.openid());
        StoredIdentity known = identities.get(key);
        if (known != null) {
            Identity identity = known.identity();
            boolean learnsUnionid =
                    identity.unionid().isEmpty() && claim.unionid().isPresent();
            if (learnsUnionid) {
                identity = new Identity(identity.appId(), identity.openid(), identity.userId(), claim.unionid());
            }
            SessionKeys keys = known.keys()
                    .filter(old -> old.fingerprint().equals(claim.sessionKeyFingerprint()))
                    .map(same -> new SessionKeys(
                            claim.sealedSessionKey(), same.fingerprint(), same.previousSealed(), same.changedAt()))
                    .orElseGet(() -> new SessionKeys(
                            claim.sealedSessionKey(),
                            claim.sessionKeyFingerprint(),
                            known.keys().map(SessionKeys::sealed),
                            now));
            identities.put(key, new StoredIdentity(identity, known.createdAt(), Optional.of(keys)));
            return new LoginRecord(new Account(users.get(identity.userId()), identity), false, learnsUnionid);
        }
        Optional<UnionKey> union =
                claim.groupUnionid().map(u -> new UnionKey(claim.group().orElseThrow(), u));
        Optional<String> byUnion = union.map(unions::get);
        String userId = byUnion.orElse(claim.newUserId());
        boolean created = byUnion.isEmpty();
        if (created) {
            if (users.containsKey(userId)) {
                throw new IllegalStateException("duplicate user id");
            }
            users.put(userId, User.created(userId, now));
            union.ifPresent(u -> unions.put(u, userId));
        }
        Identity identity = new Identity(claim.appId(), claim.openid(), userId, claim.unionid());
        addIdentity(new StoredIdentity(
                identity,
                now,
                Optional.of(new SessionKeys(
                        claim.sealedSessionKey(), claim.sessionKeyFingerprint(), Optional.empty(), now))));
        return new LoginRecord(new Account(users.get(userId), identity), created, !created);
    }

    @Override
    public synchronized Optional<Account> findAccount(String userId, String appId) {
        User user = users.get(userId);
        if (user == null) {
            return Optional.empty();
        }
        return identityOf(userId, appId).map(i -> new Account(user, i.identity()));
    }

    @Override
    public synchronized Optional<User> findUser(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** Oldest first; identities created at the same instant by app id. */
    @Override
    public synchronized List<Identity> identities(String userId) {
        return identitiesOfUser.getOrDefault(userId, Set.of()).stream()
                .map(identities::get)
                .sorted(CREATION_ORDER)
                .map(StoredIdentity::identity)
                .toList();
    }

    @Override
    public synchronized List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        if (appId.isPresent()) {
            return Optional.ofNullable(identities.get(new IdentityKey(appId.get(), openid)))
                    .map(i -> List.of(i.identity().userId()))
                    .orElse(List.of());
        }
        return identities.values().stream()
                .map(StoredIdentity::identity)
                .filter(i -> i.openid().equals(openid))
                .map(Identity::userId)
                .toList();
    }

    /** Each user once, whichever of its identities carries the unionid. */
    @Override
    public synchronized List<String> userIdsByUnionid(String unionid) {
        return identities.values().stream()
                .map(StoredIdentity::identity)
                .filter(i -> i.unionid().filter(unionid::equals).isPresent())
                .map(Identity::userId)
                .distinct()
                .toList();
    }

    @Override
    public synchronized List<String> userIdsByPhone(String phoneNumber) {
        return Optional.ofNullable(userByPhone.get(phoneNumber)).map(List::of).orElse(List.of());
    }

    /** Changes the fields the change gives and only those. */
    @Override
    public synchronized boolean updateProfile(String userId, ProfileChange change, Instant now) {
        User u = users.get(userId);
        if (u == null) {
            return false;
        }
        users.put(
                userId,
                u.withProfile(
                        change.nickname().or(u::nickname), change.avatarUrl().or(u::avatarUrl)));
        return true;
    }

    @Override
    public synchronized boolean setDisabled(String userId, boolean disabled, Instant now) {
        User u = users.get(userId);
        if (u == null) {
            return false;
        }
        users.put(userId, u.withDisabled(disabled));
        return true;
    }

    // ---- PhoneStore ----

    /**
     * {@link Binding#IN_USE} when another user has the number, and nothing changes; otherwise the number
     * and country code replace the user's (freeing its old number). As the JDBC store, a user that does
     * not exist is answered {@link Binding#BOUND} and nothing is written.
     */
    @Override
    public synchronized Binding bind(String userId, String phoneNumber, String countryCode, Instant now) {
        String owner = userByPhone.get(phoneNumber);
        if (owner != null && !owner.equals(userId)) {
            return Binding.IN_USE;
        }
        User u = users.get(userId);
        if (u != null) {
            u.phoneNumber().ifPresent(userByPhone::remove);
            userByPhone.put(phoneNumber, userId);
            users.put(userId, u.withPhone(phoneNumber, countryCode));
        }
        return Binding.BOUND;
    }

    // ---- SessionKeyStore ----

    @Override
    public synchronized Optional<StoredSessionKeys> find(String userId, String appId) {
        return identityOf(userId, appId)
                .flatMap(i -> i.keys()
                        .map(k -> new StoredSessionKeys(
                                i.identity().appId(),
                                i.identity().openid(),
                                k.sealed(),
                                k.previousSealed(),
                                k.changedAt())));
    }

    // ---- GuestStore ----

    @Override
    public synchronized LoginRecord recordGuest(GuestClaim claim, Instant now) {
        StoredIdentity known = identities.get(new IdentityKey(claim.appId(), claim.anonymousOpenid()));
        if (known != null) {
            if (!known.identity().anonymous()) {
                throw new IllegalStateException("an anonymous openid that is a real identity's");
            }
            return new LoginRecord(new Account(users.get(known.identity().userId()), known.identity()), false, false);
        }
        String userId = claim.newUserId();
        if (users.containsKey(userId)) {
            throw new IllegalStateException("duplicate user id");
        }
        users.put(userId, User.created(userId, now));
        Identity identity = new Identity(claim.appId(), claim.anonymousOpenid(), userId, Optional.empty(), true);
        addIdentity(new StoredIdentity(identity, now, Optional.empty()));
        return new LoginRecord(new Account(users.get(userId), identity), true, false);
    }

    /** Atomic, as every method here: of concurrent upgrades of one guest, the first takes it. */
    @Override
    public synchronized GuestUpgrade upgradeGuest(IdentityClaim claim, String anonymousOpenid, Instant now) {
        IdentityKey guestKey = new IdentityKey(claim.appId(), anonymousOpenid);
        StoredIdentity guest = identities.get(guestKey);
        if (guest == null || !guest.identity().anonymous()) {
            return GuestUpgrade.noGuest();
        }
        String userId = guest.identity().userId();
        Optional<UnionKey> union =
                claim.groupUnionid().map(u -> new UnionKey(claim.group().orElseThrow(), u));
        if (identities.containsKey(new IdentityKey(claim.appId(), claim.openid()))
                || union.filter(unions::containsKey).isPresent()) {
            return GuestUpgrade.realUserExists(userId);
        }
        removeGuestIdentity(guestKey);
        union.ifPresent(u -> unions.put(u, userId));
        Identity identity = new Identity(claim.appId(), claim.openid(), userId, claim.unionid());
        addIdentity(new StoredIdentity(
                identity,
                now,
                Optional.of(new SessionKeys(
                        claim.sealedSessionKey(), claim.sessionKeyFingerprint(), Optional.empty(), now))));
        return GuestUpgrade.upgraded(new LoginRecord(new Account(users.get(userId), identity), false, true));
    }

    @Override
    public synchronized boolean retireGuest(String appId, String anonymousOpenid, String userId) {
        IdentityKey key = new IdentityKey(appId, anonymousOpenid);
        StoredIdentity guest = identities.get(key);
        if (guest == null
                || !guest.identity().anonymous()
                || !guest.identity().userId().equals(userId)) {
            return false;
        }
        removeGuestIdentity(key);
        return true;
    }

    private void removeGuestIdentity(IdentityKey key) {
        StoredIdentity removed = identities.remove(key);
        identitiesOfUser
                .getOrDefault(removed.identity().userId(), new LinkedHashSet<>())
                .remove(key);
    }

    // ---- seeding, for imports and tests ----

    /**
     * Stores or replaces a user as given.
     *
     * @throws IllegalStateException when another user has its phone number
     */
    public synchronized void put(User user) {
        String owner = user.phoneNumber().map(userByPhone::get).orElse(null);
        if (owner != null && !owner.equals(user.id())) {
            throw new IllegalStateException("phone number in use");
        }
        Optional.ofNullable(users.get(user.id())).flatMap(User::phoneNumber).ifPresent(userByPhone::remove);
        user.phoneNumber().ifPresent(p -> userByPhone.put(p, user.id()));
        users.put(user.id(), user);
    }

    /**
     * Adds an identity of an existing user as given, created at {@code createdAt}, without a session_key
     * ({@link #find} has none for it) and without joining a group.
     *
     * @throws IllegalStateException when its user does not exist or (app, openid) is taken
     */
    public synchronized void put(Identity identity, Instant createdAt) {
        if (!users.containsKey(identity.userId())) {
            throw new IllegalStateException("no such user: " + identity.userId());
        }
        if (identities.containsKey(new IdentityKey(identity.appId(), identity.openid()))) {
            throw new IllegalStateException("identity exists: " + identity.appId() + "/" + identity.openid());
        }
        addIdentity(new StoredIdentity(identity, createdAt, Optional.empty()));
    }

    /** Puts a new user with one identity in {@code appId}, both created at {@code createdAt}; the account. */
    public synchronized Account putAccount(
            String userId, String appId, String openid, Optional<String> unionid, Instant createdAt) {
        put(User.created(userId, createdAt));
        put(new Identity(appId, openid, userId, unionid), createdAt);
        return findAccount(userId, appId).orElseThrow();
    }

    private void addIdentity(StoredIdentity stored) {
        Identity identity = stored.identity();
        IdentityKey key = new IdentityKey(identity.appId(), identity.openid());
        identities.put(key, stored);
        identitiesOfUser
                .computeIfAbsent(identity.userId(), u -> new LinkedHashSet<>())
                .add(key);
    }

    /** The user's identity in an app; the oldest should there be several. */
    private Optional<StoredIdentity> identityOf(String userId, String appId) {
        List<StoredIdentity> inApp = new ArrayList<>();
        for (IdentityKey key : identitiesOfUser.getOrDefault(userId, Set.of())) {
            if (key.appId().equals(appId)) {
                inApp.add(identities.get(key));
            }
        }
        return inApp.stream().min(CREATION_ORDER);
    }
}
