package io.github.wxlogin.core.user;

import io.github.wxlogin.core.support.Transactions;
import java.time.Instant;

/**
 * The guest store as the core's services see it: as {@link AnnouncingUserStore} does for users, a write
 * that changes what {@code GET /v1/me} answers (a guest upgraded: its user is no longer anonymous and
 * shows the real openid; a guest identity retired) makes every instance forget the user once it has
 * committed. A guest's first or later login changes nothing shown.
 */
public final class AnnouncingGuestStore implements GuestStore {

    private final GuestStore guests;
    private final UserCache cache;
    private final Transactions transactions;

    public AnnouncingGuestStore(GuestStore guests, UserCache cache, Transactions transactions) {
        this.guests = guests;
        this.cache = cache;
        this.transactions = transactions;
    }

    @Override
    public LoginRecord recordGuest(GuestClaim claim, Instant now) {
        return guests.recordGuest(claim, now);
    }

    @Override
    public GuestUpgrade upgradeGuest(IdentityClaim claim, String anonymousOpenid, Instant now) {
        GuestUpgrade upgrade = guests.upgradeGuest(claim, anonymousOpenid, now);
        upgrade.record().ifPresent(r -> announce(r.account().user().id()));
        return upgrade;
    }

    @Override
    public boolean retireGuest(String appId, String anonymousOpenid, String userId) {
        boolean retired = guests.retireGuest(appId, anonymousOpenid, userId);
        if (retired) {
            announce(userId);
        }
        return retired;
    }

    private void announce(String userId) {
        transactions.afterCommit(() -> cache.announceChanged(userId));
    }
}
