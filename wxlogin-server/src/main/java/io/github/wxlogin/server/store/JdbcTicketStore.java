package io.github.wxlogin.server.store;

import io.github.wxlogin.core.component.TicketStore;
import io.github.wxlogin.core.component.VerifyTicket;
import io.github.wxlogin.core.crypto.SecretBox;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TicketStore} over JDBC ({@code wx_component_tickets}, V8): durable and shared by every instance
 * on the database, the ticket sealed under the master key. A push replaces the stored ticket only when it
 * was created no earlier; of two first pushes racing, the insert that loses leaves the winner's.
 */
public final class JdbcTicketStore implements TicketStore {

    private static final String CONTEXT = "component-ticket:";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox box;
    private final Clock clock;

    public JdbcTicketStore(JdbcClient jdbc, TransactionTemplate tx, SecretBox box, Clock clock) {
        this.jdbc = DeferringJdbcClient.around(jdbc);
        this.tx = tx;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public Optional<VerifyTicket> get(String componentAppId) {
        return jdbc.sql("SELECT ticket_sealed, created_at FROM wx_component_tickets WHERE component_app_id = ?")
                .param(componentAppId)
                .query((rs, row) -> new VerifyTicket(
                        box.open(rs.getString("ticket_sealed"), CONTEXT + componentAppId),
                        Millis.instant(rs.getLong("created_at"))))
                .optional();
    }

    @Override
    public void put(String componentAppId, VerifyTicket ticket) {
        String sealed = box.seal(ticket.value(), CONTEXT + componentAppId);
        long created = Millis.of(ticket.createdAt());
        long now = Millis.of(clock.instant());
        try {
            tx.executeWithoutResult(status -> {
                int updated = jdbc.sql(
                                "UPDATE wx_component_tickets SET ticket_sealed = ?, created_at = ?, received_at = ?"
                                        + " WHERE component_app_id = ? AND created_at <= ?")
                        .params(sealed, created, now, componentAppId, created)
                        .update();
                if (updated == 0) {
                    boolean exists = jdbc.sql("SELECT COUNT(*) FROM wx_component_tickets WHERE component_app_id = ?")
                                    .param(componentAppId)
                                    .query(Long.class)
                                    .single()
                            > 0;
                    if (!exists) {
                        jdbc.sql("INSERT INTO wx_component_tickets (component_app_id, ticket_sealed, created_at,"
                                        + " received_at) VALUES (?, ?, ?, ?)")
                                .params(componentAppId, sealed, created, now)
                                .update();
                    }
                }
            });
        } catch (DataIntegrityViolationException e) {
            // Another instance stored the component's first ticket at the same moment: theirs stands.
        }
    }
}
