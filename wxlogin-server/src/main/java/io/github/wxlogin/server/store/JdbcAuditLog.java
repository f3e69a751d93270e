package io.github.wxlogin.server.store;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link AuditLog} over JDBC: inserts and reads; updates only the user of the events of a user merged
 * into another; deletes only what the retention purges, a batch at a time.
 */
public final class JdbcAuditLog implements AuditLog {

    private final DeferringJdbcClient jdbc;

    public JdbcAuditLog(JdbcClient jdbc) {
        this.jdbc = DeferringJdbcClient.around(jdbc);
    }

    @Override
    public void append(AuditEvent e) {
        jdbc.writeLater(
                """
                INSERT INTO wx_audit (id, occurred_at, event_type, user_id, session_id, app_id, client_ip, user_agent, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.id(),
                Millis.of(e.at()),
                e.type().code(),
                e.userId().orElse(null),
                e.sessionId().orElse(null),
                e.appId().orElse(null),
                e.client().ip().orElse(null),
                e.client().userAgent().orElse(null),
                e.detail().orElse(null));
    }

    @Override
    public List<AuditEvent> page(Optional<Cursor> before, Optional<String> userId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM wx_audit WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        userId.ifPresent(u -> {
            sql.append(" AND user_id = ?");
            params.add(u);
        });
        before.ifPresent(c -> {
            sql.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
            params.add(Millis.of(c.at()));
            params.add(Millis.of(c.at()));
            params.add(c.id());
        });
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(JdbcAuditLog::map).list();
    }

    /**
     * Two short statements, each its own commit: the ids of the oldest events due (by the time index),
     * then those rows. A bounded {@code DELETE … LIMIT} is not portable (PostgreSQL has none, MariaDB
     * refuses a {@code LIMIT} in an {@code IN} subquery). Another instance purging at the same moment
     * deletes some of the same ids first; each counts only the rows it deleted.
     */
    @Override
    public int purge(Instant before, int batch) {
        long cutoff = Millis.of(before);
        List<String> due = jdbc.sql("SELECT id FROM wx_audit WHERE occurred_at < ? ORDER BY occurred_at, id LIMIT ?")
                .params(cutoff, batch)
                .query(String.class)
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(due);
        params.add(cutoff);
        return jdbc.sql("DELETE FROM wx_audit WHERE id IN (" + String.join(", ", Collections.nCopies(due.size(), "?"))
                        + ") AND occurred_at < ?")
                .params(params)
                .update();
    }

    /** One statement, inside the merge's unit of work when one is open. */
    @Override
    public int reassign(String fromUserId, String intoUserId) {
        return jdbc.sql("UPDATE wx_audit SET user_id = ? WHERE user_id = ?")
                .params(intoUserId, fromUserId)
                .update();
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getString("id"),
                AuditType.ofCode(rs.getString("event_type")),
                Millis.instant(rs.getLong("occurred_at")),
                Optional.ofNullable(rs.getString("user_id")),
                Optional.ofNullable(rs.getString("session_id")),
                Optional.ofNullable(rs.getString("app_id")),
                ClientInfo.of(rs.getString("user_agent"), rs.getString("client_ip")),
                Optional.ofNullable(rs.getString("detail")));
    }
}
