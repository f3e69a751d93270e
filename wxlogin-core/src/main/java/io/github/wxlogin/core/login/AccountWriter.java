package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.user.GuestClaim;
import io.github.wxlogin.core.user.GuestStore;
import io.github.wxlogin.core.user.GuestUpgrade;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a code exchange said about a user in one store call: the user and identity found or
 * made through the store's constraints, the session_key sealed (with its fingerprint) before it is
 * stored. The plain session_key goes no further than this class.
 */
public final class AccountWriter {

    private static final Logger log = LoggerFactory.getLogger(AccountWriter.class);

    private final UserStore users;
    private final Optional<GuestStore> guests;
    private final Optional<GuestMerge> merge;
    private final SessionKeyVault vault;
    private final Ids ids;
    private final Clock clock;

    public AccountWriter(UserStore users, SessionKeyVault vault, Ids ids, Clock clock) {
        this(users, Optional.empty(), Optional.empty(), vault, ids, clock);
    }

    /**
     * @param guests where Douyin's guests live; without it an anonymous code's login is refused
     * @param merge how a guest whose real user exists is merged into it (the composed core's is the
     *     admin merge); without it the guest is left apart
     */
    public AccountWriter(
            UserStore users,
            Optional<GuestStore> guests,
            Optional<GuestMerge> merge,
            SessionKeyVault vault,
            Ids ids,
            Clock clock) {
        this.users = users;
        this.guests = guests;
        this.merge = merge;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
    }

    public LoginRecord write(App app, PlatformSession session) {
        return users.recordLogin(claimOf(app, session, ids.userId()), clock.instant());
    }

    /** Links the identity the exchange proved to the user ({@link UserStore#linkIdentity}), in one store call. */
    public LinkResult link(String userId, App app, PlatformSession session) {
        return users.linkIdentity(userId, claimOf(app, session, userId), clock.instant());
    }

    /** What a login wrote, and what its audit row says of a guest ("guest", "guest upgraded", …), if any. */
    public record Written(LoginRecord record, Optional<String> note) {}

    /**
     * Writes a login whatever the platform answered: a login code's session as {@link #write(App,
     * PlatformSession)}; an anonymous code alone as the device's guest; both as the real login of a device
     * that may have been a guest, which the guest's user becomes when the real user is new (the real
     * identity joins it: its id, phone, profile and sessions stay), or which the guest joins through
     * the {@link GuestMerge} when the real user exists. In the caller's unit of work, all or nothing.
     */
    public Written write(App app, PlatformLogin login) {
        Instant now = clock.instant();
        if (login.isGuest()) {
            LoginRecord guest = guestStore()
                    .recordGuest(
                            new GuestClaim(app.appId(), login.anonymousOpenid().orElseThrow(), ids.userId()), now);
            return new Written(guest, Optional.of(guest.newUser() ? "new guest" : "guest"));
        }
        IdentityClaim claim = claimOf(app, login.session().orElseThrow(), ids.userId());
        if (login.anonymousOpenid().isEmpty() || guests.isEmpty()) {
            return new Written(users.recordLogin(claim, now), Optional.empty());
        }
        String anonymousOpenid = login.anonymousOpenid().get();
        GuestUpgrade upgrade = guests.get().upgradeGuest(claim, anonymousOpenid, now);
        return switch (upgrade.outcome()) {
            case UPGRADED -> new Written(upgrade.record().orElseThrow(), Optional.of("guest upgraded"));
            case NO_GUEST -> new Written(users.recordLogin(claim, now), Optional.empty());
            case REAL_USER_EXISTS -> {
                LoginRecord real = users.recordLogin(claim, now);
                Optional<String> note =
                        joinGuest(app, anonymousOpenid, upgrade.guestUserId().orElseThrow(), real, now);
                if (note.filter(n -> n.endsWith(" merged")).isPresent()) {
                    // The merge may have given the real user the guest's phone and profile: as it now is.
                    real = new LoginRecord(
                            users.findAccount(real.account().user().id(), app.appId())
                                    .orElseThrow(),
                            real.newUser(),
                            real.identitiesChanged());
                }
                yield new Written(real, note);
            }
        };
    }

    /** The guest of a device whose real user exists: merged into it when a merge is plugged in, else left apart. */
    private Optional<String> joinGuest(
            App app, String anonymousOpenid, String guestUserId, LoginRecord real, Instant now) {
        String realUserId = real.account().user().id();
        if (guestUserId.equals(realUserId)) {
            return Optional.empty();
        }
        if (merge.isEmpty()) {
            log.info(
                    "Guest user={} of app={} left apart from its real user={}: no merge is configured",
                    guestUserId,
                    app.appId(),
                    realUserId);
            return Optional.of("guest " + guestUserId + " left apart");
        }
        Optional<String> shared = sharedApp(app, anonymousOpenid, guestUserId, realUserId);
        if (shared.isPresent()) {
            log.info(
                    "Guest user={} of app={} left apart from its real user={}: both have an identity in app {}",
                    guestUserId,
                    app.appId(),
                    realUserId,
                    shared.get());
            return Optional.of("guest " + guestUserId + " left apart");
        }
        if (!guestStore().retireGuest(app.appId(), anonymousOpenid, guestUserId)) {
            return Optional.empty(); // a concurrent login of the device took the guest first
        }
        merge.get().merge(guestUserId, realUserId, now);
        return Optional.of("guest " + guestUserId + " merged");
    }

    /**
     * An app where the guest's user (its anonymous identity aside, which the merge retires) and the real
     * user both have an identity: a guest may have linked one. The merge would be refused there.
     */
    private Optional<String> sharedApp(App app, String anonymousOpenid, String guestUserId, String realUserId) {
        Set<String> realApps =
                users.identities(realUserId).stream().map(Identity::appId).collect(Collectors.toSet());
        return users.identities(guestUserId).stream()
                .filter(i -> !(i.anonymous()
                        && i.appId().equals(app.appId())
                        && i.openid().equals(anonymousOpenid)))
                .map(Identity::appId)
                .filter(realApps::contains)
                .findFirst();
    }

    private GuestStore guestStore() {
        return guests.orElseThrow(() -> new WxLoginException(
                ErrorCode.UNSUPPORTED, "this service keeps no guests: log in with the code of tt.login()"));
    }

    private IdentityClaim claimOf(App app, PlatformSession session, String newUserId) {
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
