package io.github.wxlogin.core.login;

import java.time.Instant;

/**
 * The seam a user merge plugs into for a Douyin guest whose real user exists already: a device's guest
 * logs in for real ({@code code} + {@code anonymousCode}) as a user another app or device made first.
 * Called inside the login's unit of work, after the guest's anonymous identity was removed
 * ({@link io.github.wxlogin.core.user.GuestStore#retireGuest}); it must move everything of
 * {@code guestUserId} that is left (phone number when the real user has none, profile where the real
 * user has none, sessions or their ending, audit history) to {@code realUserId} and remove the guest's
 * user, all or nothing with the login.
 *
 * <p>The composed core plugs the admin API's user merge in ({@code identity.UserMerger}); a writer
 * built without one ({@link AccountWriter}) leaves the guest's user as it is, anonymous identity and all:
 * nothing of it is lost, and the device logs in to it again as a guest. So does the default when the
 * guest has linked an identity in an app where the real user has one too (a user has one identity per
 * app): the merge would be refused.
 */
@FunctionalInterface
public interface GuestMerge {

    void merge(String guestUserId, String realUserId, Instant now);
}
