package io.github.wxlogin.server.store;

import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SessionStore} over JDBC. */
public final class JdbcSessionStore implements SessionStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public JdbcSessionStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void create(SessionRecord s, RefreshTokenRecord refresh) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at, user_agent, client_ip)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(s.id(), s.userId(), s.appId(), Millis.of(s.createdAt()), Millis.of(s.expiresAt()),
                            Millis.of(s.lastUsedAt()), s.userAgent().orElse(null), s.clientIp().orElse(null))
                    .update();
            jdbc.sql("INSERT INTO wx_refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)")
                    .params(refresh.hash(), refresh.sessionId(), Millis.of(refresh.issuedAt()),
                            Millis.of(refresh.expiresAt()))
                    .update();
        });
    }

    @Override
    public Optional<SessionRecord> find(String sessionId) {
        return jdbc.sql("SELECT * FROM wx_sessions WHERE id = ?")
                .param(sessionId)
                .query(JdbcSessionStore::map)
                .optional();
    }

    private static SessionRecord map(ResultSet rs, int row) throws SQLException {
        return new SessionRecord(rs.getString("id"), rs.getString("user_id"), rs.getString("app_id"),
                Millis.instant(rs.getLong("created_at")), Millis.instant(rs.getLong("expires_at")),
                Millis.instant(rs.getLong("last_used_at")), Optional.ofNullable(rs.getString("user_agent")),
                Optional.ofNullable(rs.getString("client_ip")), Millis.optional(rs.getObject("ended_at", Long.class)));
    }
}
