package io.github.wxlogin.core.user;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import java.time.Clock;

/**
 * {@code GET} and {@code PATCH /v1/me}: the caller's own profile. Read through the {@link UserCache};
 * written through the store, which announces the change.
 */
public final class ProfileService {

    private final UserStore users;
    private final UserCache cache;
    private final Clock clock;

    public ProfileService(UserStore users, UserCache cache, Clock clock) {
        this.users = users;
        this.cache = cache;
        this.clock = clock;
    }

    public Account me(AccessClaims caller) {
        return cache.findAccount(caller.userId(), caller.appId())
                .orElseThrow(() -> WxLoginException.invalidToken("the token's user no longer exists"));
    }

    /** Applies the change (already validated whole) and answers the user as it now is. */
    public Account update(AccessClaims caller, ProfileChange change) {
        if (!change.isEmpty()) {
            users.updateProfile(caller.userId(), change, clock.instant());
        }
        return me(caller);
    }
}
