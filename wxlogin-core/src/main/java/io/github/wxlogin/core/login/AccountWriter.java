package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;

/**
 * Writes what a code exchange said about a user in one store call: the user and identity found or
 * made through the store's constraints, the session_key sealed (with its fingerprint) before it is
 * stored. The plain session_key goes no further than this class.
 */
public final class AccountWriter {

    private final UserStore users;
    private final SessionKeyVault vault;
    private final Ids ids;
    private final Clock clock;

    public AccountWriter(UserStore users, SessionKeyVault vault, Ids ids, Clock clock) {
        this.users = users;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
    }

    public LoginRecord write(App app, PlatformSession session) {
        return users.recordLogin(claim(app, session, ids.userId()), clock.instant());
    }

    /** Links the identity the exchange proved to the user ({@link UserStore#linkIdentity}), in one store call. */
    public LinkResult link(String userId, App app, PlatformSession session) {
        return users.linkIdentity(userId, claim(app, session, userId), clock.instant());
    }

    private IdentityClaim claim(App app, PlatformSession session, String newUserId) {
        SessionKeyVault.Sealed key = vault.seal(app.appId(), session.openid(), session.sessionKey());
        return new IdentityClaim(
                app.appId(),
                app.unionGroup(),
                session.openid(),
                session.unionid(),
                key.value(),
                key.fingerprint(),
                newUserId);
    }
}
