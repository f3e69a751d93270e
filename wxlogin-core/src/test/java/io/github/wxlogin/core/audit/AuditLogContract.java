package io.github.wxlogin.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.audit.AuditLog.Cursor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link AuditLog}. Each backend's test extends this class and says how to make a
 * fresh, empty log, so every backend answers the same tests.
 */
public abstract class AuditLogContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx1111111111111111";
    private static final int THREADS = 8;

    private AuditLog log;

    /** A new, empty log; called before each test. */
    protected abstract AuditLog newLog();

    @BeforeEach
    void freshLog() {
        log = newLog();
    }

    @Test
    void anEmptyLogHasNoEvents() {
        assertThat(log.page(Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void anAppendedEventComesBackWhole() {
        AuditEvent full = new AuditEvent(
                "e_1",
                AuditType.REFRESH_TOKEN_REUSED,
                T0,
                Optional.of("u_1"),
                Optional.of("s_1"),
                Optional.of(APP),
                ClientInfo.of("agent/1.0", "203.0.113.7"),
                Optional.of("refresh token presented twice"));
        AuditEvent bare = new AuditEvent(
                "e_2",
                AuditType.ADMIN_ACCESS_REFUSED,
                T0.plusSeconds(1),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ClientInfo.unknown(),
                Optional.empty());

        log.append(full);
        log.append(bare);

        assertThat(log.page(Optional.empty(), Optional.empty(), 10)).containsExactly(bare, full);
    }

    @Test
    void everyEventTypeIsKept() {
        AuditType[] types = AuditType.values();
        for (int i = 0; i < types.length; i++) {
            log.append(event("e_" + (10 + i), types[i], T0.plusSeconds(i), "u_1"));
        }

        assertThat(log.page(Optional.empty(), Optional.empty(), 100))
                .extracting(AuditEvent::type)
                .containsExactlyInAnyOrder(types);
    }

    @Test
    void eventsComeNewestFirstWhateverTheOrderTheyWereAppendedIn() {
        log.append(event("e_1", T0.plusSeconds(1)));
        log.append(event("e_3", T0.plusSeconds(3)));
        log.append(event("e_2", T0.plusSeconds(2)));

        assertThat(ids(log.page(Optional.empty(), Optional.empty(), 10))).containsExactly("e_3", "e_2", "e_1");
    }

    @Test
    void eventsOfOneInstantComeByIdDescending() {
        log.append(event("e_a", T0));
        log.append(event("e_c", T0));
        log.append(event("e_b", T0));

        assertThat(ids(log.page(Optional.empty(), Optional.empty(), 10))).containsExactly("e_c", "e_b", "e_a");
    }

    @Test
    void aPageHoldsAtMostTheLimitAndTheCursorOfItsLastEventGivesTheNext() {
        for (int i = 1; i <= 5; i++) {
            log.append(event("e_" + i, T0.plusSeconds(i)));
        }

        List<AuditEvent> first = log.page(Optional.empty(), Optional.empty(), 2);
        List<AuditEvent> second = log.page(Optional.of(cursorOf(first.get(1))), Optional.empty(), 2);
        List<AuditEvent> third = log.page(Optional.of(cursorOf(second.get(1))), Optional.empty(), 2);

        assertThat(ids(first)).containsExactly("e_5", "e_4");
        assertThat(ids(second)).containsExactly("e_3", "e_2");
        assertThat(ids(third)).containsExactly("e_1");
        assertThat(log.page(Optional.of(cursorOf(third.get(0))), Optional.empty(), 2))
                .isEmpty();
    }

    @Test
    void theCursorIsStrictAmongEventsOfOneInstant() {
        log.append(event("e_a", T0));
        log.append(event("e_b", T0));
        log.append(event("e_c", T0));
        log.append(event("e_z", T0.minusSeconds(1)));

        assertThat(ids(log.page(Optional.of(new Cursor(T0, "e_b")), Optional.empty(), 10)))
                .containsExactly("e_a", "e_z");
    }

    @Test
    void aUserFilterGivesOnlyThatUsersEventsPagedTheSameWay() {
        log.append(event("e_1", AuditType.LOGIN, T0.plusSeconds(1), "u_1"));
        log.append(event("e_2", AuditType.LOGIN, T0.plusSeconds(2), "u_2"));
        log.append(event("e_3", AuditType.LOGOUT, T0.plusSeconds(3), "u_1"));
        log.append(event("e_4", AuditType.LOGIN, T0.plusSeconds(4), "u_1"));
        log.append(new AuditEvent(
                "e_5",
                AuditType.ADMIN_ACCESS_REFUSED,
                T0.plusSeconds(5),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ClientInfo.unknown(),
                Optional.empty()));

        List<AuditEvent> first = log.page(Optional.empty(), Optional.of("u_1"), 2);

        assertThat(ids(first)).containsExactly("e_4", "e_3");
        assertThat(ids(log.page(Optional.of(cursorOf(first.get(1))), Optional.of("u_1"), 2)))
                .containsExactly("e_1");
        assertThat(log.page(Optional.empty(), Optional.of("u_nobody"), 2)).isEmpty();
    }

    @Test
    void reassigningMovesEveryEventOfAUserToAnotherAndChangesNothingElse() {
        AuditEvent full = new AuditEvent(
                "e_1",
                AuditType.LOGIN,
                T0,
                Optional.of("u_from"),
                Optional.of("s_1"),
                Optional.of(APP),
                ClientInfo.of("agent/1.0", "203.0.113.7"),
                Optional.of("new user"));
        log.append(full);
        log.append(event("e_2", AuditType.LOGOUT, T0.plusSeconds(1), "u_from"));
        log.append(event("e_3", AuditType.LOGIN, T0.plusSeconds(2), "u_into"));
        log.append(event("e_4", AuditType.LOGIN, T0.plusSeconds(3), "u_other"));

        assertThat(log.reassign("u_from", "u_into")).isEqualTo(2);

        assertThat(log.page(Optional.empty(), Optional.of("u_from"), 10)).isEmpty();
        assertThat(ids(log.page(Optional.empty(), Optional.of("u_into"), 10))).containsExactly("e_3", "e_2", "e_1");
        assertThat(log.page(Optional.empty(), Optional.of("u_into"), 10).get(2))
                .isEqualTo(new AuditEvent(
                        "e_1",
                        AuditType.LOGIN,
                        T0,
                        Optional.of("u_into"),
                        Optional.of("s_1"),
                        Optional.of(APP),
                        ClientInfo.of("agent/1.0", "203.0.113.7"),
                        Optional.of("new user")));
        assertThat(ids(log.page(Optional.empty(), Optional.of("u_other"), 10))).containsExactly("e_4");
        assertThat(log.reassign("u_from", "u_into")).as("again").isZero();
    }

    @Test
    void anEventIdIsUniqueAndATakenOneChangesNothing() {
        AuditEvent original = event("e_1", T0);
        log.append(original);

        assertThatThrownBy(() -> log.append(event("e_1", T0.plusSeconds(1)))).isInstanceOf(RuntimeException.class);

        assertThat(log.page(Optional.empty(), Optional.empty(), 10)).containsExactly(original);
    }

    @Test
    void noneOfConcurrentAppendsIsLost() throws Exception {
        Concurrently.run(THREADS, Duration.ofSeconds(30), i -> {
            log.append(event("e_" + i, T0));
            return i;
        });

        assertThat(log.page(Optional.empty(), Optional.empty(), 100)).hasSize(THREADS);
    }

    @Test
    void aPurgeDeletesOnlyEventsStrictlyOlderThanItsCutoffOldestFirstAtMostTheBatch() {
        Instant cutoff = T0.plus(Duration.ofDays(90));
        log.append(event("e_old_2", cutoff.minusSeconds(2)));
        log.append(event("e_old_3", cutoff.minus(Duration.ofDays(30))));
        log.append(event("e_old_1", cutoff.minusMillis(1)));
        log.append(event("e_cutoff", cutoff));
        log.append(event("e_new", cutoff.plusSeconds(1)));

        assertThat(log.purge(cutoff, 2)).isEqualTo(2);
        assertThat(ids(log.page(Optional.empty(), Optional.empty(), 10)))
                .as("the two oldest went first")
                .containsExactly("e_new", "e_cutoff", "e_old_1");

        assertThat(log.purge(cutoff, 2))
                .as("fewer than the batch: nothing older is left")
                .isEqualTo(1);
        assertThat(log.purge(cutoff, 2)).isZero();
        assertThat(ids(log.page(Optional.empty(), Optional.empty(), 10))).containsExactly("e_new", "e_cutoff");
    }

    @Test
    void aPurgeOfEventsOfOneInstantTakesTheBatchAndLeavesTheRestForTheNext() {
        for (String id : List.of("e_a", "e_b", "e_c")) {
            log.append(event(id, T0));
        }

        assertThat(log.purge(T0.plusMillis(1), 2)).isEqualTo(2);
        assertThat(log.page(Optional.empty(), Optional.empty(), 10)).hasSize(1);
        assertThat(log.purge(T0.plusMillis(1), 2)).isEqualTo(1);
        assertThat(log.page(Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void theLogGoesOnAfterAPurgeAndPagesOverWhatIsLeft() {
        for (int i = 1; i <= 4; i++) {
            log.append(event("e_" + i, T0.plusSeconds(i)));
        }
        log.purge(T0.plusSeconds(3), 10);
        log.append(event("e_5", T0.plusSeconds(5)));

        List<AuditEvent> first = log.page(Optional.empty(), Optional.empty(), 2);
        assertThat(ids(first)).containsExactly("e_5", "e_4");
        assertThat(ids(log.page(Optional.of(cursorOf(first.get(1))), Optional.empty(), 2)))
                .containsExactly("e_3");
        assertThat(ids(log.page(Optional.empty(), Optional.of("u_1"), 10))).containsExactly("e_5", "e_4", "e_3");
    }

    private static AuditEvent event(String id, Instant at) {
        return event(id, AuditType.LOGIN, at, "u_1");
    }

    private static AuditEvent event(String id, AuditType type, Instant at, String userId) {
        return new AuditEvent(
                id,
                type,
                at,
                Optional.of(userId),
                Optional.of("s_1"),
                Optional.of(APP),
                ClientInfo.of("agent/1.0", "203.0.113.7"),
                Optional.of("because"));
    }

    private static Cursor cursorOf(AuditEvent e) {
        return new Cursor(e.at(), e.id());
    }

    private static List<String> ids(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::id).toList();
    }
}
