package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.user.PhoneStore.Binding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link UserStore}, {@link PhoneStore} and {@link SessionKeyStore}, which one store
 * keeps together (the session_keys and phone numbers of the users it holds). Each backend's test
 * extends this class and says only how to make a fresh, empty store, so every backend answers the
 * same tests.
 */
public abstract class UserStoreContract<S extends UserStore & PhoneStore & SessionKeyStore> {

    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    private static final Instant T2 = T0.plus(Duration.ofMinutes(2));
    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final String GROUP = "group_a";
    private static final String OTHER_GROUP = "group_b";
    private static final int THREADS = 8;

    private S store;

    /** A new, empty store; called before each test. */
    protected abstract S newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    // ---- first login, later logins ----

    @Test
    void aFirstLoginCreatesTheUserAndItsIdentity() {
        LoginRecord login = store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(login.newUser()).isTrue();
        Identity identity = new Identity(APP, "o_1", "u_1", Optional.empty());
        assertThat(login.account()).isEqualTo(new Account(User.created("u_1", T0), identity));
        assertThat(store.findUser("u_1")).contains(User.created("u_1", T0));
        assertThat(store.findAccount("u_1", APP)).contains(login.account());
        assertThat(store.identities("u_1")).containsExactly(identity);
    }

    @Test
    void aLaterLoginFindsTheSameUserAndCreatesNothing() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        LoginRecord again = store.recordLogin(claim(APP, "o_1", "u_2"), T1);

        assertThat(again.newUser()).isFalse();
        assertThat(again.account().user()).isEqualTo(User.created("u_1", T0));
        assertThat(store.findUser("u_2")).isEmpty();
        assertThat(store.identities("u_1")).hasSize(1);
    }

    @Test
    void theSameOpenidInAnotherAppIsAnotherUser() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        LoginRecord other = store.recordLogin(claim(OTHER_APP, "o_1", "u_2"), T1);

        assertThat(other.newUser()).isTrue();
        assertThat(other.account().user().id()).isEqualTo("u_2");
    }

    @Test
    void aUnionidJoinsTheAppsOfOneGroupInOneUser() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);

        LoginRecord second = store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_2"), T1);

        assertThat(second.newUser()).isFalse();
        assertThat(second.account().identity()).isEqualTo(new Identity(OTHER_APP, "o_b", "u_1", Optional.of("un_1")));
        assertThat(store.findUser("u_2")).isEmpty();
        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP, OTHER_APP);
    }

    @Test
    void aUnionidJoinsNoUsersOutsideAGroup() {
        store.recordLogin(claim(APP, Optional.empty(), "o_a", Optional.of("un_1"), "u_1"), T0);

        LoginRecord other =
                store.recordLogin(claim(OTHER_APP, Optional.empty(), "o_b", Optional.of("un_1"), "u_2"), T1);

        assertThat(other.newUser()).isTrue();
        assertThat(other.account().identity().unionid()).contains("un_1");
        assertThat(store.userIdsByUnionid("un_1")).containsExactlyInAnyOrder("u_1", "u_2");
    }

    @Test
    void aUnionidJoinsUsersOnlyInsideItsOwnGroup() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);

        LoginRecord other = store.recordLogin(grouped(OTHER_APP, OTHER_GROUP, "o_b", "un_1", "u_2"), T1);

        assertThat(other.newUser()).isTrue();
        assertThat(other.account().user().id()).isEqualTo("u_2");
    }

    @Test
    void aKnownIdentityLearnsItsUnionidAtALaterLoginAndKeepsIt() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        LoginRecord learned = store.recordLogin(claim(APP, Optional.empty(), "o_1", Optional.of("un_1"), "u_2"), T1);
        store.recordLogin(claim(APP, Optional.empty(), "o_1", Optional.of("un_other"), "u_3"), T2);
        store.recordLogin(claim(APP, "o_1", "u_4"), T2);

        assertThat(learned.account().identity().unionid()).contains("un_1");
        assertThat(store.identities("u_1"))
                .singleElement()
                .satisfies(i -> assertThat(i.unionid()).contains("un_1"));
        assertThat(store.userIdsByUnionid("un_1")).containsExactly("u_1");
        assertThat(store.userIdsByUnionid("un_other")).isEmpty();
    }

    @Test
    void onlyALoginThatChangesTheIdentitiesOfAUserThatExistedSaysSo() {
        LoginRecord first = store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        LoginRecord again = store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_2"), T1);
        LoginRecord joined = store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_3"), T1);
        LoginRecord plain = store.recordLogin(claim(APP, "o_c", "u_4"), T0);
        LoginRecord learned = store.recordLogin(claim(APP, Optional.empty(), "o_c", Optional.of("un_c"), "u_5"), T1);
        LoginRecord kept = store.recordLogin(claim(APP, Optional.empty(), "o_c", Optional.of("un_c"), "u_6"), T2);

        assertThat(first.identitiesChanged()).as("a new user").isFalse();
        assertThat(again.identitiesChanged()).as("a new session_key only").isFalse();
        assertThat(joined.identitiesChanged())
                .as("an identity joined by unionid")
                .isTrue();
        assertThat(plain.identitiesChanged()).isFalse();
        assertThat(learned.identitiesChanged()).as("the unionid learnt").isTrue();
        assertThat(kept.identitiesChanged()).as("the unionid already known").isFalse();
    }

    @Test
    void aLoginOfADisabledUserFindsItDisabled() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.setDisabled("u_1", true, T1);

        LoginRecord again = store.recordLogin(claim(APP, "o_1", "u_2"), T2);

        assertThat(again.newUser()).isFalse();
        assertThat(again.account().user().disabled()).isTrue();
    }

    @Test
    void concurrentFirstLoginsOfOneWeChatUserMakeOneUserAndOneIdentity() throws Exception {
        List<LoginRecord> logins = Concurrently.run(
                THREADS, Duration.ofSeconds(30), i -> store.recordLogin(claim(APP, "o_race", "u_race_" + i), T0));

        String winner = logins.get(0).account().user().id();
        assertThat(logins).allSatisfy(l -> assertThat(l.account().user().id()).isEqualTo(winner));
        assertThat(logins).filteredOn(LoginRecord::newUser).hasSize(1);
        assertThat(store.userIdsByOpenid("o_race", Optional.of(APP))).containsExactly(winner);
        for (int i = 0; i < THREADS; i++) {
            if (!("u_race_" + i).equals(winner)) {
                assertThat(store.findUser("u_race_" + i)).as("loser %d", i).isEmpty();
            }
        }
    }

    @Test
    void concurrentFirstLoginsInTwoAppsOfOneGroupMakeOneUser() throws Exception {
        List<LoginRecord> logins = Concurrently.run(
                THREADS,
                Duration.ofSeconds(30),
                i -> i % 2 == 0
                        ? store.recordLogin(grouped(APP, GROUP, "o_a", "un_race", "u_race_" + i), T0)
                        : store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_race", "u_race_" + i), T0));

        String winner = logins.get(0).account().user().id();
        assertThat(logins).allSatisfy(l -> assertThat(l.account().user().id()).isEqualTo(winner));
        assertThat(logins).filteredOn(LoginRecord::newUser).hasSize(1);
        assertThat(store.identities(winner)).extracting(Identity::appId).containsExactlyInAnyOrder(APP, OTHER_APP);
        assertThat(store.userIdsByUnionid("un_race")).containsExactly(winner);
    }

    // ---- session_keys ----

    @Test
    void aFirstLoginStoresItsSessionKeyWithoutAPreviousOne() {
        store.recordLogin(claim(APP, "o_1", "u_1", "sealed_1", "fp_1"), T0);

        assertThat(store.find("u_1", APP))
                .contains(new StoredSessionKeys(APP, "o_1", "sealed_1", Optional.empty(), T0));
    }

    @Test
    void aRotatedSessionKeyKeepsTheOneItReplacedAsThePrevious() {
        store.recordLogin(claim(APP, "o_1", "u_1", "sealed_1", "fp_1"), T0);

        store.recordLogin(claim(APP, "o_1", "u_2", "sealed_2", "fp_2"), T1);

        assertThat(store.find("u_1", APP))
                .contains(new StoredSessionKeys(APP, "o_1", "sealed_2", Optional.of("sealed_1"), T1));
    }

    @Test
    void theSameSessionKeyAgainKeepsThePreviousKeyAndWhenItChanged() {
        store.recordLogin(claim(APP, "o_1", "u_1", "sealed_1", "fp_1"), T0);
        store.recordLogin(claim(APP, "o_1", "u_2", "sealed_2", "fp_2"), T1);

        // Sealing is randomised: the same key comes back sealed differently, with the same fingerprint.
        store.recordLogin(claim(APP, "o_1", "u_3", "sealed_2_again", "fp_2"), T2);

        assertThat(store.find("u_1", APP))
                .contains(new StoredSessionKeys(APP, "o_1", "sealed_2_again", Optional.of("sealed_1"), T1));
    }

    @Test
    void sessionKeysAreFoundOnlyForTheUsersIdentityInThatApp() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_2"), T1);

        assertThat(store.find("u_1", OTHER_APP)).hasValueSatisfying(k -> {
            assertThat(k.openid()).isEqualTo("o_b");
            assertThat(k.changedAt()).isEqualTo(T1);
        });
        assertThat(store.find("u_1", "wx3333333333333333")).isEmpty();
        assertThat(store.find("u_nobody", APP)).isEmpty();
    }

    // ---- reads ----

    @Test
    void anAccountNeedsTheUsersIdentityInThatApp() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.findAccount("u_1", OTHER_APP)).isEmpty();
        assertThat(store.findAccount("u_nobody", APP)).isEmpty();
        assertThat(store.findUser("u_nobody")).isEmpty();
        assertThat(store.identities("u_nobody")).isEmpty();
    }

    @Test
    void usersAreFoundByOpenidInOneAppOrInAll() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.recordLogin(claim(OTHER_APP, "o_1", "u_2"), T1);
        store.recordLogin(claim(APP, "o_2", "u_3"), T2);

        assertThat(store.userIdsByOpenid("o_1", Optional.empty())).containsExactlyInAnyOrder("u_1", "u_2");
        assertThat(store.userIdsByOpenid("o_1", Optional.of(OTHER_APP))).containsExactly("u_2");
        assertThat(store.userIdsByOpenid("o_nobody", Optional.empty())).isEmpty();
    }

    @Test
    void aUserFoundByUnionidInSeveralAppsIsListedOnce() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_2"), T1);

        assertThat(store.userIdsByUnionid("un_1")).containsExactly("u_1");
        assertThat(store.userIdsByUnionid("un_nobody")).isEmpty();
    }

    // ---- profile and disabled flag ----

    @Test
    void aProfileChangeChangesTheGivenFieldsOnly() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.updateProfile("u_1", ProfileChange.of("Alice", null), T1))
                .isTrue();
        assertThat(store.updateProfile("u_1", ProfileChange.of(null, "https://img.example.test/a.png"), T2))
                .isTrue();

        User user = store.findUser("u_1").orElseThrow();
        assertThat(user.nickname()).contains("Alice");
        assertThat(user.avatarUrl()).contains("https://img.example.test/a.png");
        assertThat(user.createdAt()).isEqualTo(T0);
        assertThat(store.findAccount("u_1", APP).orElseThrow().user()).isEqualTo(user);
    }

    @Test
    void aProfileChangeOfAnUnknownUserIsFalse() {
        assertThat(store.updateProfile("u_nobody", ProfileChange.of("Alice", null), T0))
                .isFalse();
        assertThat(store.findUser("u_nobody")).isEmpty();
    }

    @Test
    void theDisabledFlagIsSetAndCleared() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.setDisabled("u_1", true, T1)).isTrue();
        assertThat(store.findUser("u_1").orElseThrow().disabled()).isTrue();
        assertThat(store.findAccount("u_1", APP).orElseThrow().user().disabled())
                .isTrue();

        assertThat(store.setDisabled("u_1", false, T2)).isTrue();
        assertThat(store.findUser("u_1").orElseThrow().disabled()).isFalse();
        assertThat(store.setDisabled("u_nobody", true, T2)).isFalse();
    }

    // ---- phone numbers ----

    @Test
    void aBoundNumberIsStoredOnTheUser() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.bind("u_1", "13800138000", "86", T1)).isEqualTo(Binding.BOUND);

        User user = store.findUser("u_1").orElseThrow();
        assertThat(user.phoneNumber()).contains("13800138000");
        assertThat(user.countryCode()).contains("86");
        assertThat(store.userIdsByPhone("13800138000")).containsExactly("u_1");
        assertThat(store.userIdsByPhone("13900139000")).isEmpty();
    }

    @Test
    void anotherUsersNumberIsInUseAndNothingChanges() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.recordLogin(claim(APP, "o_2", "u_2"), T0);
        store.bind("u_1", "13800138000", "86", T1);
        store.bind("u_2", "13900139000", "86", T1);

        assertThat(store.bind("u_2", "13800138000", "86", T2)).isEqualTo(Binding.IN_USE);

        assertThat(store.findUser("u_2").orElseThrow().phoneNumber()).contains("13900139000");
        assertThat(store.userIdsByPhone("13800138000")).containsExactly("u_1");
    }

    @Test
    void bindingTheUsersOwnNumberAgainIsBound() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.bind("u_1", "13800138000", "86", T1);

        assertThat(store.bind("u_1", "13800138000", "86", T2)).isEqualTo(Binding.BOUND);
        assertThat(store.userIdsByPhone("13800138000")).containsExactly("u_1");
    }

    @Test
    void aNewNumberReplacesTheOldOneWhichIsFreeAgain() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.recordLogin(claim(APP, "o_2", "u_2"), T0);
        store.bind("u_1", "13800138000", "86", T1);

        assertThat(store.bind("u_1", "2025550100", "1", T1)).isEqualTo(Binding.BOUND);

        assertThat(store.findUser("u_1").orElseThrow().countryCode()).contains("1");
        assertThat(store.userIdsByPhone("13800138000")).isEmpty();
        assertThat(store.bind("u_2", "13800138000", "86", T2)).isEqualTo(Binding.BOUND);
    }

    @Test
    void ofConcurrentBindingsOfOneNumberExactlyOneIsBound() throws Exception {
        for (int i = 0; i < THREADS; i++) {
            store.recordLogin(claim(APP, "o_" + i, "u_" + i), T0);
        }

        List<Binding> bindings =
                Concurrently.run(THREADS, Duration.ofSeconds(30), i -> store.bind("u_" + i, "13800138000", "86", T1));

        assertThat(bindings).filteredOn(b -> b == Binding.BOUND).hasSize(1);
        String owner = "u_" + bindings.indexOf(Binding.BOUND);
        assertThat(store.userIdsByPhone("13800138000")).containsExactly(owner);
    }

    // ---- claims ----

    private static IdentityClaim claim(String appId, String openid, String newUserId) {
        return claim(appId, Optional.empty(), openid, Optional.empty(), newUserId);
    }

    private static IdentityClaim grouped(String appId, String group, String openid, String unionid, String newUserId) {
        return claim(appId, Optional.of(group), openid, Optional.of(unionid), newUserId);
    }

    private static IdentityClaim claim(
            String appId, Optional<String> group, String openid, Optional<String> unionid, String newUserId) {
        return new IdentityClaim(appId, group, openid, unionid, "sealed_" + openid, "fp_" + openid, newUserId);
    }

    private static IdentityClaim claim(
            String appId, String openid, String newUserId, String sealed, String fingerprint) {
        return new IdentityClaim(appId, Optional.empty(), openid, Optional.empty(), sealed, fingerprint, newUserId);
    }
}
