package io.github.wxlogin.core.user;

import io.github.wxlogin.core.user.InMemoryIdentities.SessionKeys;
import io.github.wxlogin.core.user.InMemoryIdentities.Stored;
import io.github.wxlogin.core.user.InMemoryIdentities.Union;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, their identities and their sealed session_keys in one process's memory, with the semantics of
 * the JDBC store: the uniqueness the database's constraints give ((app, openid) per identity,
 * (group, unionid) per user, a phone number per user) is kept by indexes here ({@link
 * InMemoryIdentities} for the identities), and every method is synchronized, so each call is atomic and
 * concurrent first logins of one WeChat user end with one user and one identity. Nothing survives the
 * process; for a single instance, development and tests.
 */
public final class InMemoryUserStore implements UserStore, PhoneStore, SessionKeyStore, SessionKeyRotation, GuestStore {

    private final Map<String, User> users = new LinkedHashMap<>();
    private final InMemoryIdentities identities = new InMemoryIdentities();
    private final Map<String, String> userByPhone = new HashMap<>();

    // ---- UserStore ----

    /**
     * Atomic: finds the identity by (app, openid), or else the user by (group, unionid) (unless that user
     * has an identity in the app already), or else creates the user; then stores the session_key,
     * keeping the one it replaces as the previous key when the fingerprint differs. A known identity
     * without a unionid learns the claim's. The record says whether the identities of a user that
     * existed changed (a unionid learnt, an identity joined).
     */
    @Override
    public synchronized LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        Optional<Stored> found = identities.find(claim.appId(), claim.openid());
        if (found.isPresent()) {
            Stored known = found.get();
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
            identities.put(new Stored(identity, known.createdAt(), now, Optional.of(keys)));
            return new LoginRecord(new Account(users.get(identity.userId()), identity), false, learnsUnionid);
        }
        Optional<Union> union = Union.of(claim);
        // The unionid's user, unless it has an identity in this app already: one identity per app.
        Optional<String> byUnion = identities
                .unionOwner(union)
                .filter(u -> identities.inApp(u, claim.appId()).isEmpty());
        String userId = byUnion.orElse(claim.newUserId());
        boolean created = byUnion.isEmpty();
        if (created) {
            if (users.containsKey(userId)) {
                throw new IllegalStateException("duplicate user id");
            }
            users.put(userId, User.created(userId, now));
            identities.claim(union, userId);
        }
        Identity identity = new Identity(claim.appId(), claim.openid(), userId, claim.unionid());
        identities.put(Stored.of(identity, claim, now));
        return new LoginRecord(new Account(users.get(userId), identity), created, !created);
    }

    /**
     * Atomic: refused as {@link UserStore#linkIdentity} says, with nothing changed; else the identity
     * joins the user with its session_key (a known one of the user's is recorded as a login).
     */
    @Override
    public synchronized LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now) {
        if (!users.containsKey(userId)) {
            return LinkResult.refused(LinkResult.Outcome.NO_SUCH_USER);
        }
        Optional<Stored> known = identities.find(claim.appId(), claim.openid());
        if (known.isPresent()) {
            if (!known.get().identity().userId().equals(userId)) {
                return LinkResult.refused(LinkResult.Outcome.IDENTITY_IN_USE);
            }
            boolean changed = recordLogin(claim, now).identitiesChanged();
            Stored stored = identities.find(claim.appId(), claim.openid()).orElseThrow();
            return LinkResult.already(stored.record(), changed);
        }
        Optional<Union> union = Union.of(claim);
        if (identities.unionOwner(union).filter(owner -> !owner.equals(userId)).isPresent()) {
            return LinkResult.refused(LinkResult.Outcome.UNIONID_IN_USE);
        }
        if (identities.inApp(userId, claim.appId()).isPresent()) {
            return LinkResult.refused(LinkResult.Outcome.APP_TAKEN);
        }
        identities.claim(union, userId);
        Stored linked = Stored.of(new Identity(claim.appId(), claim.openid(), userId, claim.unionid()), claim, now);
        identities.put(linked);
        return LinkResult.linked(linked.record());
    }

    @Override
    public synchronized UnlinkResult unlinkIdentity(String userId, String appId, String openid, Instant now) {
        Optional<Stored> stored =
                identities.find(appId, openid).filter(s -> s.identity().userId().equals(userId));
        if (stored.isEmpty()) {
            return UnlinkResult.NOT_FOUND;
        }
        if (identities.countOf(userId) == 1) {
            return UnlinkResult.LAST_IDENTITY;
        }
        identities.remove(stored.get());
        return UnlinkResult.UNLINKED;
    }

    /** Atomic: refused as {@link UserStore#mergeUsers} says, with nothing changed, or merged whole. */
    @Override
    public synchronized MergeResult mergeUsers(String fromId, String intoId, Instant now) {
        if (fromId.equals(intoId)) {
            throw new IllegalArgumentException("a user cannot be merged into itself");
        }
        User from = users.get(fromId);
        User into = users.get(intoId);
        if (from == null || into == null) {
            return MergeResult.refused(MergeResult.Outcome.NO_SUCH_USER);
        }
        if (identities.shareAnApp(fromId, intoId)) {
            return MergeResult.refused(MergeResult.Outcome.SAME_APP);
        }
        identities.moveAll(fromId, intoId);
        User merged = into.withProfile(
                into.nickname().or(from::nickname), into.avatarUrl().or(from::avatarUrl));
        if (from.phoneNumber().isPresent()) {
            userByPhone.remove(from.phoneNumber().get());
            if (into.phoneNumber().isEmpty()) {
                userByPhone.put(from.phoneNumber().get(), intoId);
                merged = merged.withPhone(
                        from.phoneNumber().get(), from.countryCode().orElseThrow());
            }
        }
        users.remove(fromId);
        users.put(intoId, merged);
        return MergeResult.merged(merged);
    }

    /** Nothing to hold: every call is atomic on its own. */
    @Override
    public void lockUsers(List<String> userIds) {}

    @Override
    public synchronized Optional<Account> findAccount(String userId, String appId) {
        User user = users.get(userId);
        if (user == null) {
            return Optional.empty();
        }
        return identities.inApp(userId, appId).map(i -> new Account(user, i.identity()));
    }

    @Override
    public synchronized Optional<User> findUser(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** Oldest first; identities created at the same instant by app id. */
    @Override
    public synchronized List<Identity> identities(String userId) {
        return identities.ofUser(userId).stream().map(Stored::identity).toList();
    }

    @Override
    public synchronized List<IdentityRecord> identityRecords(String userId) {
        return identities.ofUser(userId).stream().map(Stored::record).toList();
    }

    @Override
    public synchronized List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        if (appId.isPresent()) {
            return identities
                    .find(appId.get(), openid)
                    .map(i -> List.of(i.identity().userId()))
                    .orElse(List.of());
        }
        return identities.userIdsByOpenid(openid);
    }

    /** Each user once, whichever of its identities carries the unionid. */
    @Override
    public synchronized List<String> userIdsByUnionid(String unionid) {
        return identities.userIdsByUnionid(unionid);
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
        return identities
                .inApp(userId, appId)
                .flatMap(i -> i.keys()
                        .map(k -> new StoredSessionKeys(
                                i.identity().appId(),
                                i.identity().openid(),
                                k.sealed(),
                                k.previousSealed(),
                                k.changedAt())));
    }

    @Override
    public synchronized boolean rotateSessionKey(String appId, String openid, SessionKeyVault.Sealed key, Instant now) {
        Optional<Stored> found = identities.find(appId, openid);
        if (found.isEmpty() || found.get().keys().isEmpty()) {
            return false;
        }
        Stored known = found.get();
        SessionKeys old = known.keys().get();
        SessionKeys keys = old.fingerprint().equals(key.fingerprint())
                ? new SessionKeys(key.value(), old.fingerprint(), old.previousSealed(), old.changedAt())
                : new SessionKeys(key.value(), key.fingerprint(), Optional.of(old.sealed()), now);
        identities.put(new Stored(known.identity(), known.createdAt(), known.lastLoginAt(), Optional.of(keys)));
        return true;
    }

    // ---- GuestStore ----

    @Override
    public synchronized LoginRecord recordGuest(GuestClaim claim, Instant now) {
        Optional<Stored> known = identities.find(claim.appId(), claim.anonymousOpenid());
        if (known.isPresent()) {
            Identity identity = known.get().identity();
            if (!identity.anonymous()) {
                throw new IllegalStateException("an anonymous openid that is a real identity's");
            }
            identities.put(new Stored(identity, known.get().createdAt(), now, Optional.empty()));
            return new LoginRecord(new Account(users.get(identity.userId()), identity), false, false);
        }
        String userId = claim.newUserId();
        if (users.containsKey(userId)) {
            throw new IllegalStateException("duplicate user id");
        }
        users.put(userId, User.created(userId, now));
        Identity identity = new Identity(claim.appId(), claim.anonymousOpenid(), userId, Optional.empty(), true);
        identities.put(new Stored(identity, now, now, Optional.empty()));
        return new LoginRecord(new Account(users.get(userId), identity), true, false);
    }

    /** Atomic, as every method here: of concurrent upgrades of one guest, the first takes it. */
    @Override
    public synchronized GuestUpgrade upgradeGuest(IdentityClaim claim, String anonymousOpenid, Instant now) {
        Optional<Stored> guest = identities
                .find(claim.appId(), anonymousOpenid)
                .filter(g -> g.identity().anonymous());
        if (guest.isEmpty()) {
            return GuestUpgrade.noGuest();
        }
        String userId = guest.get().identity().userId();
        Optional<InMemoryIdentities.Union> union = InMemoryIdentities.Union.of(claim);
        if (identities.find(claim.appId(), claim.openid()).isPresent()
                || identities.unionOwner(union).isPresent()) {
            return GuestUpgrade.realUserExists(userId);
        }
        identities.remove(guest.get());
        identities.claim(union, userId);
        Identity identity = new Identity(claim.appId(), claim.openid(), userId, claim.unionid());
        identities.put(Stored.of(identity, claim, now));
        return GuestUpgrade.upgraded(new LoginRecord(new Account(users.get(userId), identity), false, true));
    }

    @Override
    public synchronized boolean retireGuest(String appId, String anonymousOpenid, String userId) {
        Optional<Stored> guest = identities
                .find(appId, anonymousOpenid)
                .filter(g -> g.identity().anonymous() && g.identity().userId().equals(userId));
        guest.ifPresent(identities::remove);
        return guest.isPresent();
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
        if (identities.find(identity.appId(), identity.openid()).isPresent()) {
            throw new IllegalStateException("identity exists: " + identity.appId() + "/" + identity.openid());
        }
        identities.put(new Stored(identity, createdAt, createdAt, Optional.empty()));
    }

    /** Puts a new user with one identity in {@code appId}, both created at {@code createdAt}; the account. */
    public synchronized Account putAccount(
            String userId, String appId, String openid, Optional<String> unionid, Instant createdAt) {
        put(User.created(userId, createdAt));
        put(new Identity(appId, openid, userId, unionid), createdAt);
        return findAccount(userId, appId).orElseThrow();
    }
}
