package io.github.wxlogin.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditorTest {

    private static final ClientInfo CLIENT = ClientInfo.of("MicroMessenger/8.0.47", "203.0.113.7");

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final Ids ids = new Ids();

    @Test
    void anAuditLogThatFailsDoesNotFailTheRecord() {
        AtomicInteger attempts = new AtomicInteger();
        AuditLog broken = new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                attempts.incrementAndGet();
                throw new IllegalStateException("the audit table is full");
            }

            @Override
            public List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
                throw new IllegalStateException("not readable");
            }

            @Override
            public int purge(java.time.Instant before, int batch) {
                throw new IllegalStateException("not purgeable");
            }

            @Override
            public int reassign(String fromUserId, String intoUserId) {
                throw new IllegalStateException("not changeable");
            }
        };
        Auditor auditor = new Auditor(broken, clock, ids);

        assertThatCode(() -> auditor.record(AuditType.LOGIN, "u_1", "s_1", "wx1234567890abcdef", CLIENT, null))
                .doesNotThrowAnyException();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anEventCarriesItsTypeTimeSubjectClientAndAFreshId() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        Auditor auditor = new Auditor(log, clock, ids);

        auditor.record(AuditType.LOGOUT, "u_1", "s_1", "wx1234567890abcdef", CLIENT, "logout");
        auditor.record(AuditType.SIGNING_KEY_ROTATED, null, null, null, ClientInfo.unknown(), null);

        List<AuditEvent> events = log.events();
        assertThat(events).hasSize(2);
        AuditEvent logout = events.get(0);
        assertThat(logout.type()).isEqualTo(AuditType.LOGOUT);
        assertThat(logout.at()).isEqualTo(clock.instant());
        assertThat(logout.userId()).contains("u_1");
        assertThat(logout.sessionId()).contains("s_1");
        assertThat(logout.appId()).contains("wx1234567890abcdef");
        assertThat(logout.client()).isEqualTo(CLIENT);
        assertThat(logout.detail()).contains("logout");
        AuditEvent rotated = events.get(1);
        assertThat(rotated.userId()).isEmpty();
        assertThat(rotated.sessionId()).isEmpty();
        assertThat(rotated.detail()).isEmpty();
        assertThat(rotated.id()).isNotEqualTo(logout.id()).hasSize(16);
    }

    @Test
    void aLongDetailIsCutTo200Characters() {
        InMemoryAuditLog log = new InMemoryAuditLog();

        new Auditor(log, clock, ids).record(AuditType.LOGIN_REFUSED, "u_1", null, null, CLIENT, "x".repeat(500));

        assertThat(log.events().get(0).detail())
                .hasValueSatisfying(d -> assertThat(d).hasSize(200));
    }

    @Test
    void typesAreStoredAsSnakeCaseWordsAndReadBack() {
        assertThat(AuditType.REFRESH_TOKEN_REUSED.code()).isEqualTo("refresh_token_reused");
        for (AuditType type : AuditType.values()) {
            assertThat(AuditType.ofCode(type.code())).isEqualTo(type);
        }
    }
}
