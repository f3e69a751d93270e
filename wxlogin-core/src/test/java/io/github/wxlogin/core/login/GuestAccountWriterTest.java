package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.user.GuestStore;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.InMemoryUserStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountWriter} for Douyin's logins: a guest; a real login that makes the device's guest the real
 * user; and one whose real user exists, which the {@link GuestMerge} seam joins (after the guest's
 * anonymous identity is retired) or, without one, leaves apart.
 */
class GuestAccountWriterTest {

    private static final App APP = new App(Platform.DOUYIN, "tt1111111111111111", "s3cr3t", Optional.of("g"));
    private static final String DEVICE = "_000device";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final List<List<String>> merges = new ArrayList<>();
    private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

    private AccountWriter writer(Optional<GuestMerge> merge) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new AccountWriter(
                store,
                Optional.<GuestStore>of(store),
                merge,
                new SessionKeyVault(new SecretBox(key)),
                new Ids(),
                clock);
    }

    private static PlatformLogin guest() {
        return new PlatformLogin(Optional.empty(), Optional.of(DEVICE));
    }

    private static PlatformLogin real(String openid) {
        return new PlatformLogin(
                Optional.of(new PlatformSession(openid, "c2Vzc2lvbmtleTEyMzQ1Ng==", Optional.of("un_" + openid))),
                Optional.of(DEVICE));
    }

    @Test
    void aGuestIsMadeOnceAndAuditedAsSuch() {
        AccountWriter writer = writer(Optional.empty());

        AccountWriter.Written first = writer.write(APP, guest());
        AccountWriter.Written again = writer.write(APP, guest());

        assertThat(first.note()).hasValue("new guest");
        assertThat(first.record().account().identity().anonymous()).isTrue();
        assertThat(again.note()).hasValue("guest");
        assertThat(again.record().account().user().id())
                .isEqualTo(first.record().account().user().id());
    }

    @Test
    void theRealLoginOfTheGuestsDeviceUpgradesIt() {
        AccountWriter writer = writer(Optional.empty());
        String guestId = writer.write(APP, guest()).record().account().user().id();

        AccountWriter.Written real = writer.write(APP, real("o_real"));

        assertThat(real.note()).hasValue("guest upgraded");
        assertThat(real.record().newUser()).isFalse();
        assertThat(real.record().account().user().id()).isEqualTo(guestId);
        assertThat(real.record().account().identity().anonymous()).isFalse();
        assertThat(store.identities(guestId)).hasSize(1);
    }

    @Test
    void withoutAMergeAGuestWhoseRealUserExistsIsLeftApart() {
        AccountWriter writer = writer(Optional.empty());
        String realId = writer.write(APP, new PlatformLogin(real("o_real").session(), Optional.empty()))
                .record()
                .account()
                .user()
                .id();
        String guestId = writer.write(APP, guest()).record().account().user().id();

        AccountWriter.Written login = writer.write(APP, real("o_real"));

        assertThat(login.record().account().user().id()).isEqualTo(realId);
        assertThat(login.note()).hasValue("guest " + guestId + " left apart");
        assertThat(store.identities(guestId))
                .singleElement()
                .satisfies(i -> assertThat(i.anonymous()).isTrue());
    }

    @Test
    void withAMergeTheGuestIsRetiredThenMergedIntoTheRealUser() {
        AccountWriter writer = writer(Optional.of((from, into, now) -> {
            // The merge sees the guest without its anonymous identity already.
            assertThat(store.identities(from)).isEmpty();
            merges.add(List.of(from, into));
        }));
        String realId = writer.write(APP, new PlatformLogin(real("o_real").session(), Optional.empty()))
                .record()
                .account()
                .user()
                .id();
        String guestId = writer.write(APP, guest()).record().account().user().id();

        AccountWriter.Written login = writer.write(APP, real("o_real"));

        assertThat(login.record().account().user().id()).isEqualTo(realId);
        assertThat(login.note()).hasValue("guest " + guestId + " merged");
        assertThat(merges).containsExactly(List.of(guestId, realId));
        // A later real login of the device finds no guest to merge.
        assertThat(writer.write(APP, real("o_real")).note()).isEmpty();
        assertThat(merges).hasSize(1);
    }

    @Test
    void aRealLoginWithoutAnAnonymousOpenidIsAnOrdinaryLogin() {
        AccountWriter writer = writer(Optional.empty());

        AccountWriter.Written login =
                writer.write(APP, PlatformLogin.of(real("o_plain").session().orElseThrow()));

        assertThat(login.note()).isEmpty();
        assertThat(login.record().newUser()).isTrue();
    }

    @Test
    void aGuestThatLinkedAnIdentityWhereTheRealUserHasOneIsLeftApartNotMerged() {
        AccountWriter writer = writer(Optional.of((from, into, now) -> merges.add(List.of(from, into))));
        String realId = writer.write(APP, new PlatformLogin(real("o_real").session(), Optional.empty()))
                .record()
                .account()
                .user()
                .id();
        String guestId = writer.write(APP, guest()).record().account().user().id();
        store.put(new Identity("wx1111111111111111", "o_wx_real", realId, Optional.empty()), clock.instant());
        store.put(new Identity("wx1111111111111111", "o_wx_guest", guestId, Optional.empty()), clock.instant());

        AccountWriter.Written login = writer.write(APP, real("o_real"));

        assertThat(login.record().account().user().id()).isEqualTo(realId);
        assertThat(login.note()).hasValue("guest " + guestId + " left apart");
        assertThat(merges).isEmpty();
        assertThat(store.identities(guestId)).hasSize(2);
    }
}
