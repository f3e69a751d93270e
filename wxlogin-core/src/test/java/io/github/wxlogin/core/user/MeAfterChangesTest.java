package io.github.wxlogin.core.user;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.testing.RecordingUserStore;
import io.github.wxlogin.core.token.AccessClaims;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/me} through the composed core: answered from memory while the user is unchanged, and
 * right after every way the core changes a user.
 */
class MeAfterChangesTest {

    private static final ClientInfo ADMIN = ClientInfo.of("curl/8.5.0", "198.51.100.9");

    private final CoreFixture core = new CoreFixture();
    private final AccessClaims alice = core.caller(core.loginThroughPlatform(APP, "o_alice"));
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReader() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aSecondReadOfAnUnchangedUserDoesNotReachTheStore() {
        Account first = core.profiles.me(alice);
        int reads = core.userReads.accountReads();

        Account second = core.profiles.me(alice);

        assertThat(second).isEqualTo(first);
        assertThat(core.userReads.accountReads()).isEqualTo(reads);
    }

    @Test
    void aProfileUpdateIsShownByTheNextRead() {
        core.profiles.me(alice);

        core.profiles.update(alice, ProfileChange.of("Alice", "https://example.com/a.png"));

        assertThat(core.profiles.me(alice).user().nickname()).contains("Alice");
        assertThat(core.profiles.me(alice).user().avatarUrl()).contains("https://example.com/a.png");
    }

    @Test
    void aPhoneBindingIsShownByTheNextRead() {
        core.profiles.me(alice);

        core.phones.bindWithCode(alice, core.platform.phoneCode(APP, "13800138000", "13800138000", "86"));

        Account me = core.profiles.me(alice);
        assertThat(me.user().phoneNumber()).contains("13800138000");
        assertThat(me.user().countryCode()).contains("86");
    }

    @Test
    void aRefusedPhoneBindingChangesNothingAndKeepsTheUserCached() {
        AccessClaims bob = core.caller(core.loginThroughPlatform(APP, "o_bob"));
        core.phones.bindWithCode(bob, core.platform.phoneCode(APP, "13800138000", "13800138000", "86"));
        core.profiles.me(alice);

        catchThrowableOfType(
                WxLoginException.class,
                () -> core.phones.bindWithCode(
                        alice, core.platform.phoneCode(APP, "13800138000", "13800138000", "86")));
        // The binding itself reads alice's identity (its openid goes to the platform with the code);
        // what counts is that the refusal evicted nothing: the next read is answered from the cache.
        int reads = core.userReads.accountReads();

        assertThat(core.profiles.me(alice).user().phoneNumber()).isEmpty();
        assertThat(core.userReads.accountReads()).isEqualTo(reads);
    }

    @Test
    void disablingAndEnablingAreShownByTheNextRead() {
        core.profiles.me(alice);

        core.admin.disable(alice.userId(), ADMIN);
        assertThat(core.profiles.me(alice).user().disabled()).isTrue();

        core.admin.enable(alice.userId(), ADMIN);
        assertThat(core.profiles.me(alice).user().disabled()).isFalse();
    }

    @Test
    void aLoginThatGivesTheIdentityItsUnionidIsShownByTheNextRead() {
        assertThat(core.profiles.me(alice).identity().unionid()).isEmpty();

        core.logins.login(APP, core.platform.loginCode(APP, "o_alice", Optional.of("un_alice")), PHONE);

        assertThat(core.profiles.me(alice).identity().unionid()).contains("un_alice");
    }

    @Test
    void aLoginThatOnlyStoresANewSessionKeyKeepsTheUserCached() {
        core.profiles.me(alice);
        int reads = core.userReads.accountReads();
        core.platform.rotateSessionKey(APP, "o_alice");

        core.loginThroughPlatform(APP, "o_alice");

        core.profiles.me(alice);
        assertThat(core.userReads.accountReads()).isEqualTo(reads);
    }

    @Test
    void aLinkOrAnUnlinkMakesTheNextReadAskTheStore() {
        core.profiles.me(alice);

        core.links.link(alice, CoreFixture.GROUPED_APP, core.platform.loginCode(CoreFixture.GROUPED_APP, "o_g"), PHONE);
        int reads = core.userReads.accountReads();
        core.profiles.me(alice);
        assertThat(core.userReads.accountReads()).as("after the link").isEqualTo(reads + 1);
        core.profiles.me(alice);

        core.identities.unlink(alice, Identity.idOf(CoreFixture.GROUPED_APP, "o_g"), PHONE);
        reads = core.userReads.accountReads();
        core.profiles.me(alice);
        assertThat(core.userReads.accountReads()).as("after the unlink").isEqualTo(reads + 1);
    }

    @Test
    void aMergeIsShownByTheNextReadOfTheTargetAndTheUserMergedAwayIsGone() {
        SessionGrant bobsGrant = core.loginThroughPlatform(CoreFixture.GROUPED_APP, "o_bob");
        AccessClaims bob = core.caller(bobsGrant);
        core.phones.bindWithCode(
                bob, core.platform.phoneCode(CoreFixture.GROUPED_APP, "13800138000", "13800138000", "86"));
        core.profiles.me(alice);
        core.profiles.me(bob);

        core.admin.merge(alice.userId(), bob.userId(), ADMIN);

        assertThat(core.profiles.me(alice).user().phoneNumber()).contains("13800138000");
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.profiles.me(bob))
                        .code())
                .isEqualTo(ErrorCode.INVALID_TOKEN);
    }

    @Test
    void aReadOvertakenByAProfileUpdateDoesNotPutTheOldUserBack() throws Exception {
        RecordingUserStore.Hold hold = core.userReads.holdNextAccountRead();
        Future<Account> slow = reader.submit(() -> core.profiles.me(alice));
        hold.awaitRead();

        Account updated = core.profiles.update(alice, ProfileChange.of("Alice", null));
        hold.release();

        assertThat(updated.user().nickname()).contains("Alice");
        assertThat(slow.get(10, TimeUnit.SECONDS).user().nickname())
                .as("the slow read answers what it read")
                .isEmpty();
        assertThat(core.profiles.me(alice).user().nickname()).contains("Alice");
    }

    @Test
    void whenTheChangeCannotBeAnnouncedTheUpdateStillSucceedsAndThisInstanceShowsIt() {
        CoreFixture fleet = new CoreFixture(b -> b.userChanged(new Unreachable()));
        AccessClaims carol = fleet.caller(fleet.loginThroughPlatform(APP, "o_carol"));
        fleet.profiles.me(carol);

        fleet.profiles.update(carol, ProfileChange.of("Carol", null));

        assertThat(fleet.users.findUser(carol.userId()).orElseThrow().nickname())
                .contains("Carol");
        assertThat(fleet.profiles.me(carol).user().nickname()).contains("Carol");
    }

    @Test
    void aDisableThatCannotBeAnnouncedStillEndsTheUsersSessions() {
        CoreFixture fleet = new CoreFixture(b -> b.userChanged(new Unreachable()));
        SessionGrant grant = fleet.loginThroughPlatform(APP, "o_dave");
        AccessClaims dave = fleet.caller(grant);
        fleet.profiles.me(dave);

        fleet.admin.disable(dave.userId(), ADMIN);

        assertThat(fleet.sessions.session(grant.sessionId()).orElseThrow().endedAt())
                .as("the disable went on to end the sessions")
                .isPresent();
        assertThat(fleet.users.findUser(dave.userId()).orElseThrow().disabled()).isTrue();
    }

    /** A channel whose publish fails, as the Redis one does when Redis is gone. */
    private static final class Unreachable implements UserChanged {
        @Override
        public void publish(String userId) {
            throw new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, "the service's shared state is unavailable");
        }

        @Override
        public void subscribe(Consumer<String> listener) {}
    }
}
