package io.github.wxlogin.core.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where users and their per-app identities live. */
public interface UserStore {

    /**
     * Records a login atomically: finds the identity by (app, openid), or else the user by
     * (group, unionid), or else creates the user with {@link IdentityClaim#newUserId()}; then stores the
     * sealed session_key on the identity; when its fingerprint differs from the stored one, the
     * replaced key is kept as the previous key (WeChat may rotate session_keys at login).
     * Concurrent calls for one WeChat user end with exactly one user and one identity per app:
     * implementations rely on unique constraints, not on look-then-insert. Either everything is
     * written or nothing. The record tells whether the identities of a user that existed changed
     * ({@link LoginRecord#identitiesChanged()}): a known identity learned its unionid (a known identity
     * keeps the unionid it has), or the claim's identity joined the user found by unionid.
     *
     * <p>A user has one identity per app at most: when the user found by unionid already has an identity
     * in the claim's app (another openid, linked to it or merged into it), the login makes a new user,
     * without a union row (the unionid's row stays the first user's).
     */
    LoginRecord recordLogin(IdentityClaim claim, Instant now);

    /**
     * Links the claim's identity to the user, atomically: when (app, openid) is the user's already, its
     * session_key is stored as {@link #recordLogin} stores it ({@link LinkResult.Outcome#ALREADY_LINKED});
     * when it is another user's, or the claim's (group, unionid) is another user's, or the user has
     * another identity in the claim's app, nothing changes; otherwise the identity joins the user with
     * its sealed session_key, and its (group, unionid) row when the claim has one and it is not the
     * user's yet. {@link IdentityClaim#newUserId()} is not used: no user is created.
     *
     * <p>Race-safe through the same unique constraints as a login, (app, openid) and (group, unionid):
     * of concurrent links of one identity to two users, or a link and a first login of it, exactly one
     * writes it, and the other is answered as if it had come after. Concurrent links to one user are
     * taken one after another (a transactional store locks the user's row first).
     */
    LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now);

    /**
     * Removes the user's identity (app, openid), unless it is the user's last one; with it goes the
     * user's (group, unionid) row of its unionid, unless another identity of the user still carries that
     * unionid. Concurrent unlinks of one user's identities are taken one after another, so a user is
     * never left with none.
     */
    UnlinkResult unlinkIdentity(String userId, String appId, String openid, Instant now);

    /**
     * Merges user {@code fromId} into user {@code intoId}, all or nothing: every identity and
     * (group, unionid) row of {@code from} becomes {@code into}'s; {@code from}'s phone number moves to
     * {@code into} when it has none (and is dropped otherwise); {@code from}'s nickname and avatar fill
     * only {@code into}'s empty ones; {@code into} keeps its id, creation time and disabled flag; and
     * {@code from} is deleted. Refused, with nothing changed, when either user does not exist or both have
     * an identity in one app.
     *
     * <p>What else refers to {@code from} is the caller's: its sessions must be gone first
     * ({@code SessionStore#deleteAllOfUser}; a JDBC store's sessions reference their user), its audit
     * events re-pointed ({@code AuditLog#reassign}).
     *
     * @throws IllegalArgumentException when the two ids are the same
     */
    MergeResult mergeUsers(String fromId, String intoId, Instant now);

    /**
     * Holds these users until the end of the unit of work open now ({@link
     * io.github.wxlogin.core.support.Transactions}): a transactional store locks their rows, in one order
     * whatever the order given, so what the unit reads afterwards is what other units committed before,
     * and no other unit that holds them writes until this one ends. Called first in a unit that reads
     * users to decide how to change them. A store atomic per call does nothing here.
     */
    void lockUsers(List<String> userIds);

    /** The user and its identity in {@code appId}, if both exist. */
    Optional<Account> findAccount(String userId, String appId);

    Optional<User> findUser(String userId);

    /** Every identity of a user, in every app. */
    List<Identity> identities(String userId);

    /** Every identity of a user with its times, oldest first (identities created together by app id). */
    List<IdentityRecord> identityRecords(String userId);

    /** The users with an identity of this openid (in one app when {@code appId} is given). */
    List<String> userIdsByOpenid(String openid, Optional<String> appId);

    List<String> userIdsByUnionid(String unionid);

    List<String> userIdsByPhone(String phoneNumber);

    /** Applies a validated profile change; false when there is no such user. */
    boolean updateProfile(String userId, ProfileChange change, Instant now);

    /** Sets or clears the disabled flag; false when there is no such user. */
    boolean setDisabled(String userId, boolean disabled, Instant now);
}
