package io.github.wxlogin.core.user;

import java.time.Instant;

/**
 * Where guests live: a guest is a user whose one identity is anonymous, keyed like any identity by
 * (app, openid) with the device's anonymous openid (Douyin's {@code anonymous_openid}), without a
 * session_key. The same unique constraints as a login's make every method race-safe: concurrent
 * calls for one device end with one guest, and of concurrent upgrades of one guest exactly one takes it.
 */
public interface GuestStore {

    /**
     * A guest login, atomically: finds the guest identity (app, anonymous openid), or else creates it
     * and its user with {@link GuestClaim#newUserId()}.
     *
     * @throws IllegalStateException when (app, openid) is a real identity (platforms keep the two apart)
     */
    LoginRecord recordGuest(GuestClaim claim, Instant now);

    /**
     * A real login that carried the device's anonymous openid, atomically. When the claim's identity
     * (app, openid) is nobody's and its (group, unionid) is nobody's either, and the device has a guest,
     * the real identity joins the guest's user, with the claim's sealed session_key and union row, and the
     * guest identity is removed: the user keeps its id, phone, profile and sessions and is no longer
     * anonymous ({@link GuestUpgrade.Outcome#UPGRADED}). When the real user exists already, nothing is
     * written and the guest's user is named ({@link GuestUpgrade.Outcome#REAL_USER_EXISTS}); without a
     * guest, nothing is written either ({@link GuestUpgrade.Outcome#NO_GUEST}). Either way but the first,
     * the caller goes on with an ordinary login ({@link UserStore#recordLogin}).
     */
    GuestUpgrade upgradeGuest(IdentityClaim claim, String anonymousOpenid, Instant now);

    /**
     * Removes the guest identity (app, anonymous openid) if it is still {@code userId}'s, as a merge of the
     * guest into the real user begins; true when this call removed it (of concurrent calls, one).
     */
    boolean retireGuest(String appId, String anonymousOpenid, String userId);
}
