package io.github.wxlogin.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.RefreshConsumption.Outcome;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.token.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link SessionStore}. Each backend's test extends this class and says how to make a
 * fresh, empty store (and how a user comes to exist in it, where sessions need one), so every backend
 * answers the same tests.
 */
public abstract class SessionStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MS = Duration.ofMillis(1);
    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final String ALICE = "u_alice";
    private static final String BOB = "u_bob";
    private static final int THREADS = 8;

    private SessionStore store;

    /** A new, empty store; called before each test. */
    protected abstract SessionStore newStore();

    /** Makes the user exist in the store just made, for a store whose sessions must belong to a known user. */
    protected abstract void givenUser(String userId);

    @BeforeEach
    void freshStore() {
        store = newStore();
        givenUser(ALICE);
        givenUser(BOB);
    }

    // ---- create and find ----

    @Test
    void aCreatedSessionIsFoundWithItsFirstRefreshToken() {
        SessionRecord session = new SessionRecord(
                "s_1",
                ALICE,
                APP,
                T0,
                T0.plus(DAY),
                T0,
                Optional.of("test-agent/1.0"),
                Optional.of("203.0.113.7"),
                Optional.empty());

        store.create(session, token("r_1", "s_1", T0.plus(DAY)));

        assertThat(store.find("s_1")).contains(session);
        assertThat(store.appIdOfRefreshToken(hash("r_1"))).contains(APP);
    }

    @Test
    void aSessionWithoutClientDetailsIsFoundAsCreated() {
        SessionRecord session = session("s_1", ALICE, T0, T0.plus(DAY));

        store.create(session, token("r_1", "s_1", T0.plus(DAY)));

        assertThat(store.find("s_1")).contains(session);
    }

    @Test
    void anUnknownSessionOrRefreshTokenIsNotFound() {
        assertThat(store.find("s_nowhere")).isEmpty();
        assertThat(store.appIdOfRefreshToken(hash("r_nowhere"))).isEmpty();
    }

    @Test
    void aSessionIdIsUniqueAndATakenOneStoresNothing() {
        SessionRecord first = create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThatThrownBy(() -> store.create(session("s_1", BOB, T0, T0.plus(DAY)), token("r_2", "s_1", T0.plus(DAY))))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.find("s_1")).contains(first);
        assertThat(store.appIdOfRefreshToken(hash("r_2"))).isEmpty();
    }

    @Test
    void aRefreshTokenHashIsUniqueAndATakenOneStoresNeitherSessionNorToken() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThatThrownBy(
                        () -> store.create(session("s_2", ALICE, T0, T0.plus(DAY)), token("r_1", "s_2", T0.plus(DAY))))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.find("s_2")).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_1"), T0).sessionId()).contains("s_1");
    }

    // ---- consuming refresh tokens ----

    @Test
    void anUnspentRefreshTokenIsSpentOnceAndThenAlreadySpent() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plusSeconds(1)))
                .isEqualTo(RefreshConsumption.spentNow("s_1", T0.plusSeconds(1)));
        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plusSeconds(2)))
                .as("with the time it was spent")
                .isEqualTo(RefreshConsumption.alreadySpent("s_1", T0.plusSeconds(1)));
    }

    @Test
    void anUnknownRefreshTokenIsUnknown() {
        assertThat(store.consumeRefreshToken(hash("r_nowhere"), T0)).isEqualTo(RefreshConsumption.unknown());
    }

    @Test
    void anUnspentRefreshTokenIsExpiredFromItsExpiryInstantOnAndStaysUnspent() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        create("s_2", ALICE, T0, T0.plus(DAY), "r_2");

        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plus(DAY))).isEqualTo(RefreshConsumption.expired("s_1"));
        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plus(DAY)).outcome())
                .as("again")
                .isEqualTo(Outcome.EXPIRED);
        assertThat(store.consumeRefreshToken(hash("r_2"), T0.plus(DAY).minus(MS))
                        .outcome())
                .as("a millisecond before")
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aSpentRefreshTokenIsStillAlreadySpentAfterItsExpiry() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        store.consumeRefreshToken(hash("r_1"), T0);

        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plus(DAY).plus(DAY))
                        .outcome())
                .isEqualTo(Outcome.ALREADY_SPENT);
        assertThat(store.appIdOfRefreshToken(hash("r_1")))
                .as("spent, still known")
                .contains(APP);
    }

    @Test
    void ofConcurrentConsumptionsOfOneRefreshTokenExactlyOneSpendsIt() throws Exception {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        List<RefreshConsumption> results = Concurrently.run(
                THREADS, Duration.ofSeconds(30), i -> store.consumeRefreshToken(hash("r_1"), T0.plusSeconds(1)));

        assertThat(results).filteredOn(r -> r.outcome() == Outcome.SPENT_NOW).hasSize(1);
        assertThat(results)
                .filteredOn(r -> r.outcome() == Outcome.ALREADY_SPENT)
                .hasSize(THREADS - 1);
        assertThat(results).allSatisfy(r -> assertThat(r.sessionId()).contains("s_1"));
    }

    // ---- renewing ----

    @Test
    void aRenewalStoresTheNextRefreshTokenAndMovesExpiryLastUseAndClient() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        Instant now = T0.plusSeconds(60);

        boolean renewed = store.renew(
                "s_1",
                hash("r_1"),
                token("r_2", "s_1", now.plus(DAY)),
                now.plus(DAY),
                now,
                ClientInfo.of("agent/2", "198.51.100.2"));

        assertThat(renewed).isTrue();
        assertThat(store.find("s_1"))
                .contains(new SessionRecord(
                        "s_1",
                        ALICE,
                        APP,
                        T0,
                        now.plus(DAY),
                        now,
                        Optional.of("agent/2"),
                        Optional.of("198.51.100.2"),
                        Optional.empty()));
        assertThat(store.consumeRefreshToken(hash("r_2"), now).outcome()).isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aRenewalKeepsTheClientDetailsItIsNotGiven() {
        SessionRecord session = new SessionRecord(
                "s_1",
                ALICE,
                APP,
                T0,
                T0.plus(DAY),
                T0,
                Optional.of("agent/1"),
                Optional.of("203.0.113.7"),
                Optional.empty());
        store.create(session, token("r_1", "s_1", T0.plus(DAY)));

        store.renew(
                "s_1",
                hash("r_1"),
                token("r_2", "s_1", T0.plus(DAY)),
                T0.plus(DAY),
                T0.plusSeconds(1),
                ClientInfo.unknown());

        SessionRecord renewed = store.find("s_1").orElseThrow();
        assertThat(renewed.userAgent()).contains("agent/1");
        assertThat(renewed.clientIp()).contains("203.0.113.7");
    }

    @Test
    void anEndedSessionIsNotRenewedAndNothingIsWritten() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        store.end("s_1", T0.plusSeconds(1), "logout");
        SessionRecord ended = store.find("s_1").orElseThrow();

        boolean renewed = store.renew(
                "s_1",
                hash("r_1"),
                token("r_2", "s_1", T0.plus(DAY).plus(DAY)),
                T0.plus(DAY).plus(DAY),
                T0.plusSeconds(2),
                ClientInfo.of("agent/2", "198.51.100.2"));

        assertThat(renewed).isFalse();
        assertThat(store.find("s_1")).contains(ended);
        assertThat(store.consumeRefreshToken(hash("r_2"), T0.plusSeconds(2)).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anUnknownSessionIsNotRenewed() {
        boolean renewed = store.renew(
                "s_nowhere",
                hash("r_1"),
                token("r_2", "s_nowhere", T0.plus(DAY)),
                T0.plus(DAY),
                T0,
                ClientInfo.unknown());

        assertThat(renewed).isFalse();
        assertThat(store.appIdOfRefreshToken(hash("r_2"))).isEmpty();
    }

    @Test
    void aRenewalWhoseNextRefreshTokenIsTakenWritesNothing() {
        SessionRecord first = create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThatThrownBy(() -> store.renew(
                        "s_1",
                        hash("r_0"),
                        token("r_1", "s_1", T0.plus(DAY).plus(DAY)),
                        T0.plus(DAY).plus(DAY),
                        T0.plusSeconds(5),
                        ClientInfo.unknown()))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.find("s_1")).contains(first);
    }

    // ---- replacing a spent token's successor (a retry within the refresh grace) ----

    @Test
    void aSpentTokensUnspentSuccessorIsRevokedAndReplacedAndTheSessionRenewed() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        Instant now = T0.plusSeconds(3);

        SuccessorReplacement replaced = store.replaceSuccessor(
                hash("r_1"),
                token("r_3", "s_1", now.plus(DAY)),
                now.plus(DAY),
                now,
                ClientInfo.of("agent/3", "198.51.100.3"));

        assertThat(replaced).isEqualTo(SuccessorReplacement.REPLACED);
        assertThat(store.find("s_1"))
                .contains(new SessionRecord(
                        "s_1",
                        ALICE,
                        APP,
                        T0,
                        now.plus(DAY),
                        now,
                        Optional.of("agent/3"),
                        Optional.of("198.51.100.3"),
                        Optional.empty()));
        assertThat(store.consumeRefreshToken(hash("r_1"), now))
                .as("the retried token, as it was spent")
                .isEqualTo(RefreshConsumption.alreadySpent("s_1", T0.plusSeconds(1)));
        assertThat(store.consumeRefreshToken(hash("r_2"), now))
                .as("the earlier successor, revoked now")
                .isEqualTo(RefreshConsumption.alreadySpent("s_1", now));
        assertThat(store.consumeRefreshToken(hash("r_3"), now)).isEqualTo(RefreshConsumption.spentNow("s_1", now));
    }

    @Test
    void eachReplacementRevokesTheOneBeforeSoTheSessionKeepsOneUnspentToken() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));

        assertThat(replace("r_1", "s_1", "r_3", T0.plusSeconds(2))).isEqualTo(SuccessorReplacement.REPLACED);
        assertThat(replace("r_1", "s_1", "r_4", T0.plusSeconds(3))).isEqualTo(SuccessorReplacement.REPLACED);

        Instant later = T0.plusSeconds(4);
        assertThat(store.consumeRefreshToken(hash("r_2"), later).outcome()).isEqualTo(Outcome.ALREADY_SPENT);
        assertThat(store.consumeRefreshToken(hash("r_3"), later))
                .isEqualTo(RefreshConsumption.alreadySpent("s_1", T0.plusSeconds(3)));
        assertThat(store.consumeRefreshToken(hash("r_4"), later).outcome()).isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aSpentTokenWhoseSuccessorWasUsedIsNotReplacedAndNothingIsWritten() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        refresh("s_1", "r_2", "r_3", T0.plusSeconds(2));
        SessionRecord before = store.find("s_1").orElseThrow();

        assertThat(replace("r_1", "s_1", "r_x", T0.plusSeconds(3)))
                .isEqualTo(SuccessorReplacement.NO_UNSPENT_SUCCESSOR);

        assertThat(store.find("s_1")).contains(before);
        assertThat(store.appIdOfRefreshToken(hash("r_x"))).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_3"), T0.plusSeconds(3)).outcome())
                .as("the session's live token is untouched")
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aTokenWithNoSuccessorIsNotReplacedAndNothingIsWritten() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        create("s_2", ALICE, T0, T0.plus(DAY), "r_2");
        store.consumeRefreshToken(hash("r_2"), T0.plusSeconds(1)); // spent, but its session was never renewed
        SessionRecord before = store.find("s_1").orElseThrow();

        assertThat(replace("r_1", "s_1", "r_x", T0.plusSeconds(2)))
                .as("unspent")
                .isEqualTo(SuccessorReplacement.NO_UNSPENT_SUCCESSOR);
        assertThat(replace("r_2", "s_2", "r_y", T0.plusSeconds(2)))
                .as("spent without a successor")
                .isEqualTo(SuccessorReplacement.NO_UNSPENT_SUCCESSOR);
        assertThat(replace("r_nowhere", "s_1", "r_z", T0.plusSeconds(2)))
                .as("unknown")
                .isEqualTo(SuccessorReplacement.NO_UNSPENT_SUCCESSOR);

        assertThat(store.find("s_1")).contains(before);
        for (String never : List.of("r_x", "r_y", "r_z")) {
            assertThat(store.appIdOfRefreshToken(hash(never))).as(never).isEmpty();
        }
        assertThat(store.consumeRefreshToken(hash("r_1"), T0.plusSeconds(2)).outcome())
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aRevokedSuccessorHasNoSuccessorOfItsOwn() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        replace("r_1", "s_1", "r_3", T0.plusSeconds(2));

        assertThat(replace("r_2", "s_1", "r_4", T0.plusSeconds(3)))
                .isEqualTo(SuccessorReplacement.NO_UNSPENT_SUCCESSOR);

        assertThat(store.appIdOfRefreshToken(hash("r_4"))).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_3"), T0.plusSeconds(3)).outcome())
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void anEndedSessionsSuccessorIsNotReplacedAndNothingIsWritten() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        store.end("s_1", T0.plusSeconds(2), "logout");
        SessionRecord ended = store.find("s_1").orElseThrow();

        assertThat(replace("r_1", "s_1", "r_3", T0.plusSeconds(3))).isEqualTo(SuccessorReplacement.SESSION_ENDED);

        assertThat(store.find("s_1")).contains(ended);
        assertThat(store.appIdOfRefreshToken(hash("r_3"))).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_2"), T0.plusSeconds(3)).outcome())
                .as("not revoked")
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void aReplacementWhoseNewTokenIsTakenWritesNothing() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        create("s_2", BOB, T0, T0.plus(DAY), "r_taken");
        SessionRecord before = store.find("s_1").orElseThrow();

        assertThatThrownBy(() -> replace("r_1", "s_1", "r_taken", T0.plusSeconds(2)))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.find("s_1")).contains(before);
        assertThat(store.consumeRefreshToken(hash("r_2"), T0.plusSeconds(3)).outcome())
                .as("not revoked")
                .isEqualTo(Outcome.SPENT_NOW);
    }

    @Test
    void concurrentReplacementsFollowOneAnotherAndLeaveOneUnspentToken() throws Exception {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        refresh("s_1", "r_1", "r_2", T0.plusSeconds(1));
        Instant now = T0.plusSeconds(2);

        List<SuccessorReplacement> results =
                Concurrently.run(THREADS, Duration.ofSeconds(30), i -> replace("r_1", "s_1", "r_next_" + i, now));

        // One after another: each found the successor the one before it left unspent, and replaced it.
        assertThat(results).containsOnly(SuccessorReplacement.REPLACED);
        List<Outcome> spends = IntStream.range(0, THREADS)
                .mapToObj(i -> store.consumeRefreshToken(hash("r_next_" + i), now.plusSeconds(1))
                        .outcome())
                .toList();
        assertThat(spends).filteredOn(o -> o == Outcome.SPENT_NOW).hasSize(1);
        assertThat(spends).filteredOn(o -> o == Outcome.ALREADY_SPENT).hasSize(THREADS - 1);
        assertThat(store.consumeRefreshToken(hash("r_2"), now.plusSeconds(1)).outcome())
                .isEqualTo(Outcome.ALREADY_SPENT);
    }

    // ---- ending ----

    @Test
    void aSessionIsEndedOnceAndKeepsItsFirstEndTime() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThat(store.end("s_1", T0.plusSeconds(1), "logout")).isTrue();
        assertThat(store.end("s_1", T0.plusSeconds(2), "user_disabled"))
                .as("again")
                .isFalse();

        assertThat(store.find("s_1").orElseThrow().endedAt()).contains(T0.plusSeconds(1));
        assertThat(store.end("s_nowhere", T0, "logout")).isFalse();
    }

    @Test
    void ofConcurrentEndsOfOneSessionExactlyOneEndsIt() throws Exception {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        List<Boolean> results = Concurrently.run(
                THREADS, Duration.ofSeconds(30), i -> store.end("s_1", T0.plusSeconds(1 + i), "logout"));

        assertThat(results).filteredOn(ended -> ended).hasSize(1);
        assertThat(store.find("s_1").orElseThrow().endedAt()).contains(T0.plusSeconds(1 + results.indexOf(true)));
    }

    @Test
    void endingAllOfAUsersSessionsEndsItsLiveOnesOnly() {
        Instant now = T0.plus(DAY);
        create("s_live_1", ALICE, T0, now.plus(DAY), "r_1");
        create("s_live_2", ALICE, T0, now.plus(DAY), "r_2");
        create("s_ended", ALICE, T0, now.plus(DAY), "r_3");
        store.end("s_ended", T0.plusSeconds(1), "logout");
        SessionRecord expired = create("s_expired", ALICE, T0, now, "r_4");
        create("s_bobs", BOB, T0, now.plus(DAY), "r_5");

        List<String> ended = store.endAllOfUser(ALICE, now, "user_disabled");

        assertThat(ended).containsExactlyInAnyOrder("s_live_1", "s_live_2");
        assertThat(store.find("s_live_1").orElseThrow().endedAt()).contains(now);
        assertThat(store.find("s_ended").orElseThrow().endedAt()).contains(T0.plusSeconds(1));
        assertThat(store.find("s_expired")).contains(expired);
        assertThat(store.listLive(BOB, now)).extracting(SessionRecord::id).containsExactly("s_bobs");
        assertThat(store.endAllOfUser(ALICE, now, "user_disabled")).as("again").isEmpty();
    }

    @Test
    void endingAUsersSessionsInOneAppEndsItsLiveOnesThereOnly() {
        Instant now = T0.plus(DAY);
        create("s_here_1", ALICE, T0, now.plus(DAY), "r_1");
        create("s_here_2", ALICE, T0, now.plus(DAY), "r_2");
        store.create(
                new SessionRecord(
                        "s_elsewhere",
                        ALICE,
                        OTHER_APP,
                        T0,
                        now.plus(DAY),
                        T0,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                token("r_3", "s_elsewhere", now.plus(DAY)));
        SessionRecord expired = create("s_expired", ALICE, T0, now, "r_4");
        create("s_bobs", BOB, T0, now.plus(DAY), "r_5");

        List<String> ended = store.endAllOfUserInApp(ALICE, APP, now, "identity_unlinked");

        assertThat(ended).containsExactlyInAnyOrder("s_here_1", "s_here_2");
        assertThat(store.find("s_here_1").orElseThrow().endedAt()).contains(now);
        assertThat(store.listLive(ALICE, now)).extracting(SessionRecord::id).containsExactly("s_elsewhere");
        assertThat(store.find("s_expired")).contains(expired);
        assertThat(store.listLive(BOB, now)).extracting(SessionRecord::id).containsExactly("s_bobs");
        assertThat(store.endAllOfUserInApp(ALICE, APP, now, "identity_unlinked"))
                .as("again")
                .isEmpty();
    }

    @Test
    void deletingAUsersSessionsDeletesThemAllWithTheirRefreshTokensAndNoOneElses() {
        Instant now = T0.plus(DAY);
        create("s_live", ALICE, T0, now.plus(DAY), "r_1");
        create("s_ended", ALICE, T0, now.plus(DAY), "r_2");
        store.end("s_ended", T0.plusSeconds(1), "user_merged");
        create("s_bobs", BOB, T0, now.plus(DAY), "r_3");

        assertThat(store.deleteAllOfUser(ALICE)).isEqualTo(2);

        assertThat(store.find("s_live")).isEmpty();
        assertThat(store.find("s_ended")).isEmpty();
        assertThat(store.appIdOfRefreshToken(hash("r_1"))).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_2"), now).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(store.listLive(BOB, now)).extracting(SessionRecord::id).containsExactly("s_bobs");
        assertThat(store.appIdOfRefreshToken(hash("r_3"))).contains(APP);
        assertThat(store.deleteAllOfUser(ALICE)).as("again").isZero();
    }

    // ---- live sessions ----

    @Test
    void theLiveSessionsOfAUserAreListedNewestFirst() {
        Instant now = T0.plus(DAY);
        create("s_1", ALICE, T0, now.plus(DAY), "r_1");
        create("s_3", ALICE, T0.plusSeconds(2), now.plus(DAY), "r_3");
        create("s_2", ALICE, T0.plusSeconds(1), now.plus(DAY), "r_2");
        create("s_ended", ALICE, T0.plusSeconds(3), now.plus(DAY), "r_4");
        store.end("s_ended", T0.plusSeconds(4), "logout");
        create("s_expired", ALICE, T0.plusSeconds(3), now, "r_5");
        create("s_bobs", BOB, T0.plusSeconds(3), now.plus(DAY), "r_6");

        assertThat(store.listLive(ALICE, now)).extracting(SessionRecord::id).containsExactly("s_3", "s_2", "s_1");
        assertThat(store.listLive("u_nobody", now)).isEmpty();
    }

    @Test
    void liveSessionsCreatedAtOneInstantAreListedByIdDescending() {
        create("s_a", ALICE, T0, T0.plus(DAY), "r_1");
        create("s_c", ALICE, T0, T0.plus(DAY), "r_2");
        create("s_b", ALICE, T0, T0.plus(DAY), "r_3");

        assertThat(store.listLive(ALICE, T0)).extracting(SessionRecord::id).containsExactly("s_c", "s_b", "s_a");
    }

    @Test
    void aSessionIsLiveUntilItsExpiryInstant() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        assertThat(store.listLive(ALICE, T0.plus(DAY).minus(MS))).hasSize(1);
        assertThat(store.countLive(T0.plus(DAY).minus(MS))).isEqualTo(1);
        assertThat(store.listLive(ALICE, T0.plus(DAY))).isEmpty();
        assertThat(store.countLive(T0.plus(DAY))).isZero();
    }

    @Test
    void theLiveCountCountsEveryUsersLiveSessions() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");
        create("s_2", BOB, T0, T0.plus(DAY), "r_2");
        create("s_3", BOB, T0, T0.plus(DAY), "r_3");
        create("s_expired", BOB, T0, T0.plusSeconds(1), "r_4");
        store.end("s_3", T0, "logout");

        assertThat(store.countLive(T0.plusSeconds(1))).isEqualTo(2);
    }

    // ---- touching ----

    @Test
    void aTouchMovesTheLastUseForwardOnly() {
        create("s_1", ALICE, T0, T0.plus(DAY), "r_1");

        store.touch("s_1", T0.plusSeconds(60));
        store.touch("s_1", T0.plusSeconds(30));

        assertThat(store.find("s_1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
        store.touch("s_nowhere", T0);
        assertThat(store.find("s_nowhere")).isEmpty();
    }

    // ---- purging ----

    @Test
    void aPurgeDeletesSessionsThatExpiredOrEndedBeforeTheCutoffWithTheirRefreshTokens() {
        Instant cutoff = T0.plus(Duration.ofDays(10));
        create("s_expired", ALICE, T0, cutoff.minus(MS), "r_1");
        store.renew(
                "s_expired",
                hash("r_1"),
                token("r_2", "s_expired", cutoff.minus(MS)),
                cutoff.minus(MS),
                T0.plusSeconds(1),
                ClientInfo.unknown());
        create("s_ended", ALICE, T0, cutoff.plus(DAY), "r_3");
        store.end("s_ended", cutoff.minus(MS), "logout");
        create("s_expires_at_cutoff", ALICE, T0, cutoff, "r_4");
        create("s_ended_at_cutoff", ALICE, T0, cutoff.plus(DAY), "r_5");
        store.end("s_ended_at_cutoff", cutoff, "logout");
        create("s_live", BOB, T0, cutoff.plus(DAY), "r_6");

        int deleted = store.purge(cutoff, 100);

        assertThat(deleted).as("two sessions and their three refresh tokens").isEqualTo(5);
        assertThat(store.find("s_expired")).isEmpty();
        assertThat(store.find("s_ended")).isEmpty();
        for (String gone : List.of("r_1", "r_2", "r_3")) {
            assertThat(store.appIdOfRefreshToken(hash(gone))).as(gone).isEmpty();
        }
        for (String kept : List.of("s_expires_at_cutoff", "s_ended_at_cutoff", "s_live")) {
            assertThat(store.find(kept)).as(kept).isPresent();
        }
        for (String kept : List.of("r_4", "r_5", "r_6")) {
            assertThat(store.appIdOfRefreshToken(hash(kept))).as(kept).contains(APP);
        }
        assertThat(store.purge(cutoff, 100)).as("again").isZero();
    }

    @Test
    void aPurgeDeletesRefreshTokensThatExpiredBeforeTheCutoffAndKeepsSpentUnexpiredOnes() {
        Instant cutoff = T0.plus(Duration.ofDays(10));
        create("s_1", ALICE, T0, cutoff.plus(DAY), "r_spent");
        store.consumeRefreshToken(hash("r_spent"), T0);
        store.renew(
                "s_1",
                hash("r_spent"),
                token("r_expired", "s_1", cutoff.minus(MS)),
                cutoff.plus(DAY),
                T0,
                ClientInfo.unknown());
        store.renew(
                "s_1",
                hash("r_expired"),
                token("r_current", "s_1", cutoff.plus(DAY)),
                cutoff.plus(DAY),
                T0,
                ClientInfo.unknown());

        assertThat(store.purge(cutoff, 100)).isEqualTo(1);

        assertThat(store.find("s_1")).isPresent();
        assertThat(store.appIdOfRefreshToken(hash("r_expired"))).isEmpty();
        assertThat(store.consumeRefreshToken(hash("r_spent"), cutoff).outcome())
                .as("still recognised as reuse")
                .isEqualTo(Outcome.ALREADY_SPENT);
        assertThat(store.appIdOfRefreshToken(hash("r_current"))).contains(APP);
    }

    @Test
    void aPurgeDeletesAtMostABatchOfSessions() {
        Instant cutoff = T0.plus(Duration.ofDays(10));
        for (int i = 0; i < 3; i++) {
            store.create(session("s_" + i, ALICE, T0, cutoff.minus(MS)), token("r_" + i, "s_" + i, cutoff.plus(DAY)));
        }

        assertThat(store.purge(cutoff, 2))
                .as("two sessions with a refresh token each")
                .isEqualTo(4);
        assertThat(store.purge(cutoff, 2)).isEqualTo(2);
        assertThat(store.purge(cutoff, 2)).isZero();
    }

    @Test
    void aPurgeDeletesAtMostABatchOfExpiredRefreshTokens() {
        Instant cutoff = T0.plus(Duration.ofDays(10));
        create("s_1", ALICE, T0, cutoff.plus(DAY), "r_0");
        for (int i = 1; i <= 3; i++) {
            store.renew(
                    "s_1",
                    hash("r_" + (i - 1)),
                    token("r_" + i, "s_1", cutoff.minus(MS)),
                    cutoff.plus(DAY),
                    T0,
                    ClientInfo.unknown());
        }

        assertThat(store.purge(cutoff, 2)).isEqualTo(2);
        assertThat(store.purge(cutoff, 2)).isEqualTo(1);
        assertThat(store.purge(cutoff, 2)).isZero();
        assertThat(store.find("s_1")).isPresent();
        assertThat(store.appIdOfRefreshToken(hash("r_0"))).contains(APP);
    }

    // ---- records ----

    /** Spends {@code spent} at {@code at} and renews its session with {@code next}, as a refresh does. */
    private void refresh(String sessionId, String spent, String next, Instant at) {
        assertThat(store.consumeRefreshToken(hash(spent), at).outcome()).isEqualTo(Outcome.SPENT_NOW);
        assertThat(store.renew(
                        sessionId,
                        hash(spent),
                        token(next, sessionId, at.plus(DAY)),
                        at.plus(DAY),
                        at,
                        ClientInfo.unknown()))
                .isTrue();
    }

    /** Replaces the successor of {@code spent} with {@code next}, as a retry within the grace does. */
    private SuccessorReplacement replace(String spent, String sessionId, String next, Instant at) {
        return store.replaceSuccessor(
                hash(spent), token(next, sessionId, at.plus(DAY)), at.plus(DAY), at, ClientInfo.unknown());
    }

    /** Creates a session whose first refresh token expires with it. */
    private SessionRecord create(String id, String userId, Instant createdAt, Instant expiresAt, String refreshToken) {
        SessionRecord session = session(id, userId, createdAt, expiresAt);
        store.create(session, token(refreshToken, id, expiresAt));
        return session;
    }

    private static SessionRecord session(String id, String userId, Instant createdAt, Instant expiresAt) {
        return new SessionRecord(
                id, userId, APP, createdAt, expiresAt, createdAt, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A refresh token by its (test) value; the store sees only the hash, as in production. */
    private static RefreshTokenRecord token(String value, String sessionId, Instant expiresAt) {
        return new RefreshTokenRecord(hash(value), sessionId, T0, expiresAt);
    }

    private static String hash(String value) {
        return RefreshTokens.hash(value);
    }
}
