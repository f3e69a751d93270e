package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link GuestStore}, kept by the store that keeps users and their session_keys: a
 * device's guest made once, its upgrade taken once, and nothing written when there is nothing to
 * upgrade. Each backend's test extends this class and says only how to make a fresh, empty store.
 */
public abstract class GuestStoreContract<S extends UserStore & GuestStore & SessionKeyStore> {

    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    private static final String APP = "tt1111111111111111";
    private static final String GROUP = "douyin:g";
    private static final String DEVICE = "_000anonymous-device-1";
    private static final int THREADS = 8;

    private S store;

    protected abstract S newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static GuestClaim guest(String anonymousOpenid, String newUserId) {
        return new GuestClaim(APP, anonymousOpenid, newUserId);
    }

    private static IdentityClaim real(String openid, Optional<String> unionid, String newUserId) {
        return new IdentityClaim(
                APP, Optional.of(GROUP), openid, unionid, "sealed_" + openid, "fp_" + openid, newUserId);
    }

    @Test
    void aGuestLoginCreatesAnAnonymousUserWithoutASessionKey() {
        LoginRecord first = store.recordGuest(guest(DEVICE, "u_g"), T0);

        assertThat(first.newUser()).isTrue();
        Identity identity = new Identity(APP, DEVICE, "u_g", Optional.empty(), true);
        assertThat(first.account()).isEqualTo(new Account(User.created("u_g", T0), identity));
        assertThat(store.findAccount("u_g", APP)).contains(first.account());
        assertThat(store.identities("u_g")).containsExactly(identity);
        assertThat(store.find("u_g", APP)).as("no session_key").isEmpty();
    }

    @Test
    void aDevicesLaterGuestLoginsFindItsGuest() {
        store.recordGuest(guest(DEVICE, "u_g"), T0);

        LoginRecord again = store.recordGuest(guest(DEVICE, "u_other"), T1);

        assertThat(again.newUser()).isFalse();
        assertThat(again.account().user().id()).isEqualTo("u_g");
        assertThat(store.findUser("u_other")).isEmpty();
    }

    @Test
    void concurrentFirstGuestLoginsOfOneDeviceMakeOneGuest() throws Exception {
        List<LoginRecord> records = Concurrently.run(THREADS, i -> store.recordGuest(guest(DEVICE, "u_" + i), T0));

        assertThat(records.stream().map(r -> r.account().user().id()).distinct())
                .hasSize(1);
        assertThat(records.stream().filter(LoginRecord::newUser)).hasSize(1);
    }

    @Test
    void aRealIdentitysOpenidIsNoGuest() {
        store.recordLogin(real(DEVICE, Optional.empty(), "u_r"), T0);

        assertThatThrownBy(() -> store.recordGuest(guest(DEVICE, "u_g"), T1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUpgradeMakesTheGuestsUserTheRealUserWithItsUnionidAndSessionKey() {
        store.recordGuest(guest(DEVICE, "u_g"), T0);

        GuestUpgrade upgrade = store.upgradeGuest(real("o_real", Optional.of("un_1"), "u_new"), DEVICE, T1);

        assertThat(upgrade.outcome()).isEqualTo(GuestUpgrade.Outcome.UPGRADED);
        LoginRecord record = upgrade.record().orElseThrow();
        assertThat(record.newUser()).isFalse();
        assertThat(record.identitiesChanged()).isTrue();
        Identity identity = new Identity(APP, "o_real", "u_g", Optional.of("un_1"));
        assertThat(record.account().identity()).isEqualTo(identity);
        assertThat(record.account().user()).isEqualTo(User.created("u_g", T0));
        assertThat(store.identities("u_g")).containsExactly(identity);
        assertThat(store.find("u_g", APP))
                .hasValueSatisfying(k -> assertThat(k.sealedCurrent()).isEqualTo("sealed_o_real"));
        assertThat(store.findUser("u_new")).isEmpty();
        // The real user's later logins, in this app or another of its group, find it.
        assertThat(store.recordLogin(real("o_real", Optional.of("un_1"), "u_x"), T1)
                        .account()
                        .user()
                        .id())
                .isEqualTo("u_g");
        assertThat(store.recordLogin(
                                new IdentityClaim(
                                        "tt2", Optional.of(GROUP), "o_2", Optional.of("un_1"), "s", "f", "u_y"),
                                T1)
                        .account()
                        .user()
                        .id())
                .isEqualTo("u_g");
    }

    @Test
    void anUpgradedDeviceHasNoGuestAnyMore() {
        store.recordGuest(guest(DEVICE, "u_g"), T0);
        store.upgradeGuest(real("o_real", Optional.empty(), "u_new"), DEVICE, T1);

        LoginRecord next = store.recordGuest(guest(DEVICE, "u_g2"), T1);

        assertThat(next.newUser()).isTrue();
        assertThat(next.account().user().id()).isEqualTo("u_g2");
        assertThat(store.upgradeGuest(real("o_other", Optional.empty(), "u_z"), "_000no-such-device", T1)
                        .outcome())
                .isEqualTo(GuestUpgrade.Outcome.NO_GUEST);
    }

    @Test
    void withoutAGuestAnUpgradeWritesNothing() {
        GuestUpgrade upgrade = store.upgradeGuest(real("o_real", Optional.of("un_1"), "u_new"), DEVICE, T0);

        assertThat(upgrade.outcome()).isEqualTo(GuestUpgrade.Outcome.NO_GUEST);
        assertThat(store.findUser("u_new")).isEmpty();
        assertThat(store.userIdsByOpenid("o_real", Optional.of(APP))).isEmpty();
    }

    @Test
    void whenTheRealIdentityOrItsUnionidIsAnotherUsersTheUpgradeNamesTheGuestAndWritesNothing() {
        store.recordLogin(real("o_real", Optional.of("un_1"), "u_r"), T0);
        store.recordGuest(guest(DEVICE, "u_g"), T0);

        GuestUpgrade byOpenid = store.upgradeGuest(real("o_real", Optional.of("un_1"), "u_x"), DEVICE, T1);
        GuestUpgrade byUnionid = store.upgradeGuest(real("o_elsewhere", Optional.of("un_1"), "u_x"), DEVICE, T1);

        assertThat(byOpenid).isEqualTo(GuestUpgrade.realUserExists("u_g"));
        assertThat(byUnionid).isEqualTo(GuestUpgrade.realUserExists("u_g"));
        assertThat(store.identities("u_g")).containsExactly(new Identity(APP, DEVICE, "u_g", Optional.empty(), true));
        assertThat(store.identities("u_r")).hasSize(1);
    }

    @Test
    void ofConcurrentUpgradesOfOneGuestExactlyOneTakesIt() throws Exception {
        store.recordGuest(guest(DEVICE, "u_g"), T0);

        List<GuestUpgrade> upgrades = Concurrently.run(
                THREADS, i -> store.upgradeGuest(real("o_" + i, Optional.of("un_" + i), "u_" + i), DEVICE, T1));

        assertThat(upgrades.stream().filter(u -> u.outcome() == GuestUpgrade.Outcome.UPGRADED))
                .hasSize(1);
        assertThat(upgrades.stream().filter(u -> u.outcome() == GuestUpgrade.Outcome.NO_GUEST))
                .hasSize(THREADS - 1);
        assertThat(store.identities("u_g"))
                .hasSize(1)
                .allSatisfy(i -> assertThat(i.anonymous()).isFalse());
    }

    @Test
    void aGuestIsRetiredOnceAndOnlyForItsOwnUser() {
        store.recordGuest(guest(DEVICE, "u_g"), T0);

        assertThat(store.retireGuest(APP, DEVICE, "u_other")).isFalse();
        assertThat(store.retireGuest(APP, DEVICE, "u_g")).isTrue();
        assertThat(store.retireGuest(APP, DEVICE, "u_g")).isFalse();
        assertThat(store.identities("u_g")).isEmpty();
        assertThat(store.findUser("u_g"))
                .as("the user stays, for the merge that follows")
                .isPresent();
    }
}
