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
 * The identities of {@link InMemoryUserStore}, with the indexes the database's keys give the JDBC store:
 * an identity by (app, openid), a user's identities, a user by (group, unionid). Not thread-safe: the
 * store holds its own lock around every use.
 */
final class InMemoryIdentities {

    /** Orders a user's identities as the JDBC store does: by creation, then by app. */
    private static final Comparator<Stored> CREATION_ORDER = Comparator.comparing(Stored::createdAt)
            .thenComparing(i -> i.identity().appId());

    /** (app, openid): the key of an identity. */
    record Key(String appId, String openid) {}

    /** (group, unionid): how the apps of one open-platform group share a user. */
    record Union(String group, String unionid) {

        /** The claim's, when its app has a group and it has a unionid. */
        static Optional<Union> of(IdentityClaim claim) {
            return claim.groupUnionid().map(u -> new Union(claim.group().orElseThrow(), u));
        }
    }

    /** The sealed current key, its fingerprint, the key it replaced, and when the current one arrived. */
    record SessionKeys(String sealed, String fingerprint, Optional<String> previousSealed, Instant changedAt) {}

    /** An identity with its creation and last login times and its session_keys; none of them when put directly. */
    record Stored(Identity identity, Instant createdAt, Instant lastLoginAt, Optional<SessionKeys> keys) {

        /** A new identity of the claim's, first seen now, with its session_key. */
        static Stored of(Identity identity, IdentityClaim claim, Instant now) {
            return new Stored(
                    identity,
                    now,
                    now,
                    Optional.of(new SessionKeys(
                            claim.sealedSessionKey(), claim.sessionKeyFingerprint(), Optional.empty(), now)));
        }

        Key key() {
            return new Key(identity.appId(), identity.openid());
        }

        IdentityRecord record() {
            return new IdentityRecord(identity, createdAt, lastLoginAt);
        }

        Stored ofUser(String userId) {
            return new Stored(
                    new Identity(identity.appId(), identity.openid(), userId, identity.unionid(), identity.anonymous()),
                    createdAt,
                    lastLoginAt,
                    keys);
        }
    }

    private final Map<Key, Stored> byKey = new LinkedHashMap<>();
    /** The identity keys of each user, in the order they were added. */
    private final Map<String, Set<Key>> byUser = new HashMap<>();

    private final Map<Union, String> unions = new HashMap<>();

    Optional<Stored> find(String appId, String openid) {
        return Optional.ofNullable(byKey.get(new Key(appId, openid)));
    }

    /** Stores a new identity, or replaces one of the same key and user. */
    void put(Stored stored) {
        byKey.put(stored.key(), stored);
        byUser.computeIfAbsent(stored.identity().userId(), u -> new LinkedHashSet<>())
                .add(stored.key());
    }

    /** The user's identity in an app; the oldest should there be several. */
    Optional<Stored> inApp(String userId, String appId) {
        return ofUser(userId).stream()
                .filter(i -> i.identity().appId().equals(appId))
                .findFirst();
    }

    /** Oldest first; identities created at the same instant by app id. */
    List<Stored> ofUser(String userId) {
        List<Stored> own = new ArrayList<>();
        for (Key key : byUser.getOrDefault(userId, Set.of())) {
            own.add(byKey.get(key));
        }
        own.sort(CREATION_ORDER);
        return own;
    }

    Optional<String> unionOwner(Optional<Union> union) {
        return union.map(unions::get);
    }

    /** Gives the unionid to the user, unless it is someone's already. */
    void claim(Optional<Union> union, String userId) {
        union.ifPresent(u -> unions.putIfAbsent(u, userId));
    }

    /**
     * Removes the identity; with it goes the user's union row of its unionid, unless another identity of
     * the user still carries that unionid.
     */
    void remove(Stored stored) {
        String userId = stored.identity().userId();
        byKey.remove(stored.key());
        byUser.get(userId).remove(stored.key());
        stored.identity().unionid().ifPresent(unionid -> {
            boolean carried = ofUser(userId).stream()
                    .anyMatch(
                            i -> i.identity().unionid().filter(unionid::equals).isPresent());
            if (!carried) {
                unions.entrySet()
                        .removeIf(e -> e.getKey().unionid().equals(unionid)
                                && e.getValue().equals(userId));
            }
        });
    }

    /** Every identity and union row of {@code fromId} becomes {@code intoId}'s. */
    void moveAll(String fromId, String intoId) {
        Set<Key> moving = byUser.getOrDefault(fromId, Set.of());
        for (Key key : moving) {
            byKey.put(key, byKey.get(key).ofUser(intoId));
        }
        byUser.computeIfAbsent(intoId, u -> new LinkedHashSet<>()).addAll(moving);
        byUser.remove(fromId);
        unions.replaceAll((union, owner) -> owner.equals(fromId) ? intoId : owner);
    }

    /** Whether the two users have an identity in one app. */
    boolean shareAnApp(String userId, String otherId) {
        Set<String> apps = new java.util.HashSet<>();
        byUser.getOrDefault(userId, Set.of()).forEach(k -> apps.add(k.appId()));
        return byUser.getOrDefault(otherId, Set.of()).stream().anyMatch(k -> apps.contains(k.appId()));
    }

    int countOf(String userId) {
        return byUser.getOrDefault(userId, Set.of()).size();
    }

    List<String> userIdsByOpenid(String openid) {
        return byKey.values().stream()
                .map(Stored::identity)
                .filter(i -> i.openid().equals(openid))
                .map(Identity::userId)
                .toList();
    }

    /** Each user once, whichever of its identities carries the unionid. */
    List<String> userIdsByUnionid(String unionid) {
        return byKey.values().stream()
                .map(Stored::identity)
                .filter(i -> i.unionid().filter(unionid::equals).isPresent())
                .map(Identity::userId)
                .distinct()
                .toList();
    }
}
