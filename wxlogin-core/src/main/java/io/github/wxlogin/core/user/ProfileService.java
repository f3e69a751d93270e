package io.github.wxlogin.core.user;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import java.time.Clock;

/** {@code GET} and {@code PATCH /v1/me}: the caller's own profile. */
public final class ProfileService {

    private final UserStore users;
    private final Clock clock;

    public ProfileService(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public Account me(AccessClaims caller) {
        return users.findAccount(caller.userId(), caller.appId())
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
