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
     */
    LoginRecord recordLogin(IdentityClaim claim, Instant now);

    /** The user and its identity in {@code appId}, if both exist. */
    Optional<Account> findAccount(String userId, String appId);

    Optional<User> findUser(String userId);

    /** Every identity of a user, in every app. */
    List<Identity> identities(String userId);

    /** The users with an identity of this openid (in one app when {@code appId} is given). */
    List<String> userIdsByOpenid(String openid, Optional<String> appId);

    List<String> userIdsByUnionid(String unionid);

    List<String> userIdsByPhone(String phoneNumber);

    /** Applies a validated profile change; false when there is no such user. */
    boolean updateProfile(String userId, ProfileChange change, Instant now);

    /** Sets or clears the disabled flag; false when there is no such user. */
    boolean setDisabled(String userId, boolean disabled, Instant now);
}
