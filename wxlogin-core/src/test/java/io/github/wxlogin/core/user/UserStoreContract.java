package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
    private static final String THIRD_APP = "wx3333333333333333";
    private static final String FOURTH_APP = "wx4444444444444444";
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

    // ---- identity records ----

    @Test
    void anIdentityRecordTellsWhenItWasFirstSeenAndLastLoggedIn() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_2"), T1);
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_3"), T2);

        assertThat(store.identityRecords("u_1"))
                .containsExactly(
                        new IdentityRecord(new Identity(APP, "o_a", "u_1", Optional.of("un_1")), T0, T2),
                        new IdentityRecord(new Identity(OTHER_APP, "o_b", "u_1", Optional.of("un_1")), T1, T1));
        assertThat(store.identityRecords("u_nobody")).isEmpty();
    }

    // ---- linking ----

    @Test
    void aLinkedIdentityJoinsTheUserWithItsSessionKey() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        LinkResult linked = store.linkIdentity("u_1", claim(THIRD_APP, "o_3", "u_1", "sealed_3", "fp_3"), T1);

        Identity identity = new Identity(THIRD_APP, "o_3", "u_1", Optional.empty());
        assertThat(linked).isEqualTo(LinkResult.linked(new IdentityRecord(identity, T1, T1)));
        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP, THIRD_APP);
        assertThat(store.findAccount("u_1", THIRD_APP).orElseThrow().identity()).isEqualTo(identity);
        assertThat(store.find("u_1", THIRD_APP))
                .contains(new StoredSessionKeys(THIRD_APP, "o_3", "sealed_3", Optional.empty(), T1));
        assertThat(store.recordLogin(claim(THIRD_APP, "o_3", "u_9"), T2)
                        .account()
                        .user()
                        .id())
                .as("a later login of the identity")
                .isEqualTo("u_1");
    }

    @Test
    void aLinkedIdentityBringsItsUnionidSoTheGroupsOtherAppsFindTheUser() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.linkIdentity("u_1", grouped(OTHER_APP, GROUP, "o_b", "un_9", "u_1"), T1)
                        .outcome())
                .isEqualTo(LinkResult.Outcome.LINKED);

        LoginRecord login = store.recordLogin(grouped(THIRD_APP, GROUP, "o_c", "un_9", "u_2"), T2);
        assertThat(login.newUser()).isFalse();
        assertThat(login.account().user().id()).isEqualTo("u_1");
    }

    @Test
    void linkingAnIdentityTheUserHasIsAnsweredAsBeforeAndStoresItsNewSessionKey() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.linkIdentity("u_1", claim(THIRD_APP, "o_3", "u_1", "sealed_1", "fp_1"), T0);

        LinkResult again = store.linkIdentity("u_1", claim(THIRD_APP, "o_3", "u_1", "sealed_2", "fp_2"), T1);

        assertThat(again.outcome()).isEqualTo(LinkResult.Outcome.ALREADY_LINKED);
        assertThat(again.changed()).isFalse();
        assertThat(again.identity().orElseThrow().identity())
                .isEqualTo(new Identity(THIRD_APP, "o_3", "u_1", Optional.empty()));
        assertThat(again.identity().orElseThrow().createdAt()).isEqualTo(T0);
        assertThat(store.identities("u_1")).hasSize(2);
        assertThat(store.find("u_1", THIRD_APP))
                .contains(new StoredSessionKeys(THIRD_APP, "o_3", "sealed_2", Optional.of("sealed_1"), T1));
    }

    @Test
    void anotherUsersIdentityIsNotLinkedAndNothingChanges() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.recordLogin(claim(THIRD_APP, "o_3", "u_2"), T0);

        LinkResult refused = store.linkIdentity("u_1", claim(THIRD_APP, "o_3", "u_1", "sealed_x", "fp_x"), T1);

        assertThat(refused).isEqualTo(LinkResult.refused(LinkResult.Outcome.IDENTITY_IN_USE));
        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP);
        assertThat(store.userIdsByOpenid("o_3", Optional.of(THIRD_APP))).containsExactly("u_2");
        assertThat(store.find("u_2", THIRD_APP).orElseThrow().sealedCurrent()).isEqualTo("sealed_o_3");
    }

    @Test
    void anIdentityWhoseUnionidIsAnotherUsersIsNotLinked() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_2", "u_2"), T0);
        store.recordLogin(claim(THIRD_APP, "o_3", "u_1"), T0);

        LinkResult refused = store.linkIdentity("u_1", grouped(OTHER_APP, GROUP, "o_b", "un_2", "u_1"), T1);

        assertThat(refused).isEqualTo(LinkResult.refused(LinkResult.Outcome.UNIONID_IN_USE));
        assertThat(store.identities("u_1")).hasSize(1);
        assertThat(store.userIdsByOpenid("o_b", Optional.empty())).isEmpty();
    }

    @Test
    void aSecondIdentityInOneAppIsNotLinked() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        LinkResult refused = store.linkIdentity("u_1", claim(APP, "o_2", "u_1"), T1);

        assertThat(refused).isEqualTo(LinkResult.refused(LinkResult.Outcome.APP_TAKEN));
        assertThat(store.identities("u_1")).extracting(Identity::openid).containsExactly("o_1");
        assertThat(store.userIdsByOpenid("o_2", Optional.empty())).isEmpty();
    }

    @Test
    void nothingIsLinkedToAnUnknownUser() {
        assertThat(store.linkIdentity("u_nobody", claim(APP, "o_1", "u_nobody"), T0))
                .isEqualTo(LinkResult.refused(LinkResult.Outcome.NO_SUCH_USER));
        assertThat(store.userIdsByOpenid("o_1", Optional.empty())).isEmpty();
    }

    @Test
    void ofConcurrentLinksOfOneIdentityToManyUsersExactlyOneLinksIt() throws Exception {
        for (int i = 0; i < THREADS; i++) {
            store.recordLogin(claim(APP, "o_" + i, "u_" + i), T0);
        }

        List<LinkResult> links = Concurrently.run(
                THREADS,
                Duration.ofSeconds(30),
                i -> store.linkIdentity("u_" + i, grouped(OTHER_APP, GROUP, "o_race", "un_race", "u_" + i), T1));

        assertThat(links)
                .filteredOn(l -> l.outcome() == LinkResult.Outcome.LINKED)
                .hasSize(1);
        assertThat(links)
                .filteredOn(l -> l.outcome() != LinkResult.Outcome.LINKED)
                .allSatisfy(l -> assertThat(l.outcome())
                        .isIn(LinkResult.Outcome.IDENTITY_IN_USE, LinkResult.Outcome.UNIONID_IN_USE));
        String winner = links.stream()
                .filter(l -> l.outcome() == LinkResult.Outcome.LINKED)
                .findFirst()
                .orElseThrow()
                .identity()
                .orElseThrow()
                .identity()
                .userId();
        assertThat(store.userIdsByOpenid("o_race", Optional.of(OTHER_APP))).containsExactly(winner);
        assertThat(store.userIdsByUnionid("un_race")).containsExactly(winner);
        for (int i = 0; i < THREADS; i++) {
            assertThat(store.identities("u_" + i)).hasSize(("u_" + i).equals(winner) ? 2 : 1);
        }
    }

    @Test
    void ofConcurrentLinksOfIdentitiesOfOneAppToOneUserExactlyOneLinks() throws Exception {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        List<LinkResult> links = Concurrently.run(
                THREADS, Duration.ofSeconds(30), i -> store.linkIdentity("u_1", claim(OTHER_APP, "o_" + i, "u_1"), T1));

        assertThat(links)
                .filteredOn(l -> l.outcome() == LinkResult.Outcome.LINKED)
                .hasSize(1);
        assertThat(links)
                .filteredOn(l -> l.outcome() == LinkResult.Outcome.APP_TAKEN)
                .hasSize(THREADS - 1);
        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP, OTHER_APP);
    }

    @Test
    void aLoginWhoseUnionidsUserHasAnIdentityInTheAppAlreadyMakesANewUser() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        // Another WeChat user's identity (unionid un_2) linked to u_1 brings its union row along.
        store.linkIdentity("u_1", grouped(OTHER_APP, GROUP, "o_b", "un_2", "u_1"), T1);

        LoginRecord login = store.recordLogin(grouped(APP, GROUP, "o_c", "un_2", "u_2"), T2);

        assertThat(login.newUser()).isTrue();
        assertThat(login.account().user().id()).isEqualTo("u_2");
        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP, OTHER_APP);
        assertThat(store.findAccount("u_1", APP).orElseThrow().identity().openid())
                .isEqualTo("o_a");
    }

    // ---- unlinking ----

    @Test
    void anUnlinkedIdentityLeavesTheUserAndItsNextLoginMakesANewUser() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.linkIdentity("u_1", claim(THIRD_APP, "o_3", "u_1"), T0);

        assertThat(store.unlinkIdentity("u_1", THIRD_APP, "o_3", T1)).isEqualTo(UnlinkResult.UNLINKED);

        assertThat(store.identities("u_1")).extracting(Identity::appId).containsExactly(APP);
        assertThat(store.findAccount("u_1", THIRD_APP)).isEmpty();
        assertThat(store.find("u_1", THIRD_APP)).isEmpty();
        LoginRecord login = store.recordLogin(claim(THIRD_APP, "o_3", "u_2"), T2);
        assertThat(login.newUser()).isTrue();
        assertThat(login.account().user().id()).isEqualTo("u_2");
    }

    @Test
    void theLastIdentityIsNotUnlinked() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);

        assertThat(store.unlinkIdentity("u_1", APP, "o_1", T1)).isEqualTo(UnlinkResult.LAST_IDENTITY);

        assertThat(store.identities("u_1")).hasSize(1);
    }

    @Test
    void anotherUsersOrAnUnknownIdentityIsNotFoundAndNothingChanges() {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.linkIdentity("u_1", claim(OTHER_APP, "o_2", "u_1"), T0);
        store.recordLogin(claim(THIRD_APP, "o_3", "u_2"), T0);
        store.linkIdentity("u_2", claim(APP, "o_4", "u_2"), T0);

        assertThat(store.unlinkIdentity("u_1", THIRD_APP, "o_3", T1)).isEqualTo(UnlinkResult.NOT_FOUND);
        assertThat(store.unlinkIdentity("u_1", APP, "o_nobody", T1)).isEqualTo(UnlinkResult.NOT_FOUND);
        assertThat(store.unlinkIdentity("u_nobody", APP, "o_1", T1)).isEqualTo(UnlinkResult.NOT_FOUND);

        assertThat(store.identities("u_2")).hasSize(2);
    }

    @Test
    void aUnionRowStaysWhileAnotherIdentityOfTheUserCarriesItsUnionidAndGoesWithTheLast() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_1"), T0);
        store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_x"), T0);
        store.linkIdentity("u_1", claim(THIRD_APP, "o_c", "u_1"), T0);

        store.unlinkIdentity("u_1", OTHER_APP, "o_b", T1);
        assertThat(store.recordLogin(grouped(FOURTH_APP, GROUP, "o_d", "un_1", "u_y"), T1)
                        .account()
                        .user()
                        .id())
                .as("the group still finds u_1 through APP's identity")
                .isEqualTo("u_1");

        store.unlinkIdentity("u_1", FOURTH_APP, "o_d", T2);
        store.unlinkIdentity("u_1", APP, "o_a", T2);
        LoginRecord afterLast = store.recordLogin(grouped(OTHER_APP, GROUP, "o_b", "un_1", "u_z"), T2);
        assertThat(afterLast.newUser())
                .as("no identity of u_1 carries un_1 any more")
                .isTrue();
        assertThat(store.userIdsByUnionid("un_1")).containsExactly("u_z");
    }

    @Test
    void ofConcurrentUnlinksOfAUsersTwoIdentitiesOneUnlinksAndOneStays() throws Exception {
        store.recordLogin(claim(APP, "o_1", "u_1"), T0);
        store.linkIdentity("u_1", claim(OTHER_APP, "o_2", "u_1"), T0);

        List<UnlinkResult> unlinks = Concurrently.run(
                THREADS,
                Duration.ofSeconds(30),
                i -> i % 2 == 0
                        ? store.unlinkIdentity("u_1", APP, "o_1", T1)
                        : store.unlinkIdentity("u_1", OTHER_APP, "o_2", T1));

        assertThat(unlinks).filteredOn(u -> u == UnlinkResult.UNLINKED).hasSize(1);
        assertThat(store.identities("u_1")).hasSize(1);
    }

    // ---- merging ----

    @Test
    void aMergeMovesIdentitiesUnionidsPhoneAndEmptyProfileFieldsAndDeletesTheUserMergedAway() {
        store.recordLogin(grouped(APP, GROUP, "o_a", "un_1", "u_from"), T0);
        store.linkIdentity("u_from", claim(OTHER_APP, "o_b", "u_from"), T0);
        store.bind("u_from", "13800138000", "86", T0);
        store.updateProfile("u_from", ProfileChange.of("From", "https://img.example.test/from.png"), T0);
        store.recordLogin(claim(THIRD_APP, "o_c", "u_into"), T1);
        store.updateProfile("u_into", ProfileChange.of(null, "https://img.example.test/into.png"), T1);

        MergeResult merged = store.mergeUsers("u_from", "u_into", T2);

        User into = store.findUser("u_into").orElseThrow();
        assertThat(merged).isEqualTo(MergeResult.merged(into));
        assertThat(into.id()).isEqualTo("u_into");
        assertThat(into.createdAt()).isEqualTo(T1);
        assertThat(into.phoneNumber()).contains("13800138000");
        assertThat(into.countryCode()).contains("86");
        assertThat(into.nickname()).contains("From");
        assertThat(into.avatarUrl()).contains("https://img.example.test/into.png");
        assertThat(store.findUser("u_from")).isEmpty();
        assertThat(store.identities("u_from")).isEmpty();
        assertThat(store.identityRecords("u_into"))
                .extracting(r -> r.identity().appId(), r -> r.createdAt())
                .containsExactlyInAnyOrder(tuple(APP, T0), tuple(OTHER_APP, T0), tuple(THIRD_APP, T1));
        assertThat(store.findAccount("u_into", APP).orElseThrow().identity())
                .isEqualTo(new Identity(APP, "o_a", "u_into", Optional.of("un_1")));
        assertThat(store.find("u_into", APP).orElseThrow().sealedCurrent()).isEqualTo("sealed_o_a");
        assertThat(store.userIdsByPhone("13800138000")).containsExactly("u_into");
        assertThat(store.recordLogin(grouped(FOURTH_APP, GROUP, "o_d", "un_1", "u_new"), T2)
                        .account()
                        .user()
                        .id())
                .as("the group's unionid is u_into's now")
                .isEqualTo("u_into");
        assertThat(store.recordLogin(claim(APP, "o_a", "u_new"), T2)
                        .account()
                        .user()
                        .id())
                .isEqualTo("u_into");
    }

    @Test
    void aMergeKeepsTheTargetsOwnPhoneAndProfileAndFreesTheOtherNumber() {
        store.recordLogin(claim(APP, "o_a", "u_from"), T0);
        store.bind("u_from", "13800138000", "86", T0);
        store.updateProfile("u_from", ProfileChange.of("From", null), T0);
        store.recordLogin(claim(OTHER_APP, "o_b", "u_into"), T0);
        store.bind("u_into", "2025550100", "1", T0);
        store.updateProfile("u_into", ProfileChange.of("Into", null), T0);
        store.recordLogin(claim(THIRD_APP, "o_c", "u_other"), T0);

        store.mergeUsers("u_from", "u_into", T1);

        User into = store.findUser("u_into").orElseThrow();
        assertThat(into.phoneNumber()).contains("2025550100");
        assertThat(into.countryCode()).contains("1");
        assertThat(into.nickname()).contains("Into");
        assertThat(store.userIdsByPhone("13800138000")).isEmpty();
        assertThat(store.bind("u_other", "13800138000", "86", T1)).isEqualTo(Binding.BOUND);
    }

    @Test
    void usersWithIdentitiesInOneAppAreNotMergedAndNothingChanges() {
        store.recordLogin(claim(APP, "o_a", "u_from"), T0);
        store.linkIdentity("u_from", claim(OTHER_APP, "o_b", "u_from"), T0);
        store.bind("u_from", "13800138000", "86", T0);
        store.recordLogin(claim(APP, "o_c", "u_into"), T0);
        User from = store.findUser("u_from").orElseThrow();
        User into = store.findUser("u_into").orElseThrow();

        assertThat(store.mergeUsers("u_from", "u_into", T1))
                .isEqualTo(MergeResult.refused(MergeResult.Outcome.SAME_APP));

        assertThat(store.findUser("u_from")).contains(from);
        assertThat(store.findUser("u_into")).contains(into);
        assertThat(store.identities("u_from")).extracting(Identity::appId).containsExactlyInAnyOrder(APP, OTHER_APP);
        assertThat(store.identities("u_into")).extracting(Identity::appId).containsExactly(APP);
        assertThat(store.userIdsByPhone("13800138000")).containsExactly("u_from");
    }

    @Test
    void aMergeWithAnUnknownUserIsRefused() {
        store.recordLogin(claim(APP, "o_a", "u_1"), T0);

        assertThat(store.mergeUsers("u_1", "u_nobody", T1))
                .isEqualTo(MergeResult.refused(MergeResult.Outcome.NO_SUCH_USER));
        assertThat(store.mergeUsers("u_nobody", "u_1", T1))
                .isEqualTo(MergeResult.refused(MergeResult.Outcome.NO_SUCH_USER));
        assertThat(store.identities("u_1")).hasSize(1);
    }

    @Test
    void aUserIsNotMergedIntoItself() {
        store.recordLogin(claim(APP, "o_a", "u_1"), T0);

        assertThatThrownBy(() -> store.mergeUsers("u_1", "u_1", T1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findUser("u_1")).isPresent();
    }

    @Test
    void lockingUsersChangesNothing() {
        store.recordLogin(claim(APP, "o_a", "u_1"), T0);
        User before = store.findUser("u_1").orElseThrow();

        store.lockUsers(List.of("u_nobody", "u_1"));

        assertThat(store.findUser("u_1")).contains(before);
        assertThat(store.findUser("u_nobody")).isEmpty();
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
