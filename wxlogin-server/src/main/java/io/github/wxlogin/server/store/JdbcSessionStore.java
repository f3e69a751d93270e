package io.github.wxlogin.server.store;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.RefreshConsumption;
import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.session.SuccessorReplacement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SessionStore} over JDBC. */
public final class JdbcSessionStore implements SessionStore {

    private final DeferringJdbcClient jdbc;
    private final TransactionTemplate tx;

    public JdbcSessionStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = DeferringJdbcClient.around(jdbc);
        this.tx = tx;
    }

    @Override
    public void create(SessionRecord s, RefreshTokenRecord refresh) {
        tx.executeWithoutResult(status -> {
            jdbc.writeLater(
                    """
                    INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at, user_agent, client_ip)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    s.id(),
                    s.userId(),
                    s.appId(),
                    Millis.of(s.createdAt()),
                    Millis.of(s.expiresAt()),
                    Millis.of(s.lastUsedAt()),
                    s.userAgent().orElse(null),
                    s.clientIp().orElse(null));
            insertRefreshToken(refresh);
        });
    }

    @Override
    public Optional<SessionRecord> find(String sessionId) {
        return jdbc.sql("SELECT * FROM wx_sessions WHERE id = ?")
                .param(sessionId)
                .query(JdbcSessionStore::map)
                .optional();
    }

    /**
     * The spend is one conditional {@code UPDATE}. A token already spent is then locked for the rest of
     * the transaction by a second one, before anything is read: PostgreSQL's first {@code UPDATE} skips
     * a row that does not match without waiting for its lock, and the snapshot InnoDB reads under
     * REPEATABLE READ is taken at the transaction's first read. Taken first, the lock makes every read
     * after it see what the transactions that held the token before (its spend, earlier retries) wrote.
     */
    @Override
    public RefreshConsumption consumeRefreshToken(String hash, Instant now) {
        long at = Millis.of(now);
        // One row or none: of concurrent presentations of one token, exactly one spends it.
        int spent = jdbc.sql("""
                UPDATE wx_refresh_tokens SET consumed_at = ?
                 WHERE token_hash = ? AND consumed_at IS NULL AND expires_at > ?""").params(at, hash, at).update();
        if (spent == 0) {
            lockSpent(hash);
        }
        record Row(String sessionId, Optional<Instant> consumedAt) {}
        Optional<Row> row = jdbc.sql("SELECT session_id, consumed_at FROM wx_refresh_tokens WHERE token_hash = ?")
                .param(hash)
                .query((rs, n) -> new Row(rs.getString("session_id"), Millis.optional(rs, "consumed_at")))
                .optional();
        if (row.isEmpty()) {
            return RefreshConsumption.unknown();
        }
        String sessionId = row.get().sessionId();
        if (spent == 1) {
            return RefreshConsumption.spentNow(sessionId, now);
        }
        return row.get()
                .consumedAt()
                .map(spentAt -> RefreshConsumption.alreadySpent(sessionId, spentAt))
                .orElseGet(() -> RefreshConsumption.expired(sessionId));
    }

    /** Locks a spent token's row until the transaction ends (a write that changes nothing). */
    private void lockSpent(String hash) {
        jdbc.sql(
                        "UPDATE wx_refresh_tokens SET consumed_at = consumed_at WHERE token_hash = ? AND consumed_at IS NOT NULL")
                .param(hash)
                .update();
    }

    @Override
    public Optional<String> appIdOfRefreshToken(String hash) {
        return jdbc.sql("""
                SELECT s.app_id FROM wx_refresh_tokens t JOIN wx_sessions s ON s.id = t.session_id
                 WHERE t.token_hash = ?""").param(hash).query(String.class).optional();
    }

    @Override
    public long countLive(Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_sessions WHERE ended_at IS NULL AND expires_at > ?")
                .param(Millis.of(now))
                .query(Long.class)
                .single();
    }

    @Override
    public boolean renew(
            String sessionId,
            String spentHash,
            RefreshTokenRecord next,
            Instant expiresAt,
            Instant now,
            ClientInfo client) {
        Boolean renewed = tx.execute(status -> {
            if (!renewSession(sessionId, expiresAt, now, client)) {
                return false;
            }
            // The spent token names its successor, and the successor's row follows: both wait
            // (DeferringJdbcClient) and go with the unit's audit row.
            succeed(spentHash, sessionId, next.hash());
            insertRefreshToken(next);
            return true;
        });
        return Boolean.TRUE.equals(renewed);
    }

    /**
     * In this order, each step a conditional write or a read under a lock already held: the spent
     * token's row (locked, then read), the successor (revoked only when unspent), the session (renewed
     * only when not ended), the spent token's new successor named, the new token. A concurrent refresh
     * with the successor locks the successor and then the session too, so the two cannot wait for each
     * other. When the session turns out to have ended after the successor was revoked, the transaction is
     * rolled back (as a whole, when this runs inside a larger one, whose caller must then fail it: see
     * {@code RefreshService}).
     */
    @Override
    public SuccessorReplacement replaceSuccessor(
            String spentHash, RefreshTokenRecord next, Instant expiresAt, Instant now, ClientInfo client) {
        return tx.execute(status -> {
            lockSpent(spentHash);
            String sessionId = next.sessionId();
            boolean ended = jdbc.sql("SELECT COUNT(*) FROM wx_sessions WHERE id = ? AND ended_at IS NULL")
                            .param(sessionId)
                            .query(Long.class)
                            .single()
                    == 0;
            if (ended) {
                return SuccessorReplacement.SESSION_ENDED;
            }
            Optional<String> successor = jdbc.sql("""
                    SELECT replaced_by FROM wx_refresh_tokens
                     WHERE token_hash = ? AND session_id = ? AND consumed_at IS NOT NULL AND replaced_by IS NOT NULL""")
                    .params(spentHash, sessionId)
                    .query(String.class)
                    .optional();
            if (successor.isEmpty() || !revoke(successor.get(), sessionId, now)) {
                return SuccessorReplacement.NO_UNSPENT_SUCCESSOR;
            }
            if (!renewSession(sessionId, expiresAt, now, client)) {
                status.setRollbackOnly();
                return SuccessorReplacement.SESSION_ENDED;
            }
            succeed(spentHash, sessionId, next.hash());
            insertRefreshToken(next);
            return SuccessorReplacement.REPLACED;
        });
    }

    /** Spends an unspent token with no successor; false when it was spent already. */
    private boolean revoke(String hash, String sessionId, Instant now) {
        return jdbc.sql("""
                        UPDATE wx_refresh_tokens SET consumed_at = ?
                         WHERE token_hash = ? AND session_id = ? AND consumed_at IS NULL""").params(Millis.of(now), hash, sessionId).update() == 1;
    }

    private boolean renewSession(String sessionId, Instant expiresAt, Instant now, ClientInfo client) {
        return jdbc.sql("""
                        UPDATE wx_sessions SET expires_at = ?, last_used_at = ?,
                               user_agent = COALESCE(?, user_agent), client_ip = COALESCE(?, client_ip)
                         WHERE id = ? AND ended_at IS NULL""")
                        .params(
                                Millis.of(expiresAt),
                                Millis.of(now),
                                client.userAgent().orElse(null),
                                client.ip().orElse(null),
                                sessionId)
                        .update()
                == 1;
    }

    /**
     * Records {@code successor} as what the spent token was answered with. The unit locked that row when it
     * spent the token and reads nothing back, so the update waits and goes with the new token's row.
     */
    private void succeed(String spentHash, String sessionId, String successor) {
        jdbc.writeLater(
                "UPDATE wx_refresh_tokens SET replaced_by = ? WHERE token_hash = ? AND session_id = ?",
                successor,
                spentHash,
                sessionId);
    }

    @Override
    public boolean end(String sessionId, Instant at, String reason) {
        return jdbc.sql("UPDATE wx_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")
                        .params(Millis.of(at), reason, sessionId)
                        .update()
                == 1;
    }

    @Override
    public List<String> endAllOfUser(String userId, Instant at, String reason) {
        List<String> open = jdbc.sql(
                        "SELECT id FROM wx_sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?")
                .params(userId, Millis.of(at))
                .query(String.class)
                .list();
        return open.stream().filter(id -> end(id, at, reason)).toList();
    }

    @Override
    public List<String> endAllOfUserInApp(String userId, String appId, Instant at, String reason) {
        List<String> open = jdbc.sql(
                        "SELECT id FROM wx_sessions WHERE user_id = ? AND app_id = ? AND ended_at IS NULL AND expires_at > ?")
                .params(userId, appId, Millis.of(at))
                .query(String.class)
                .list();
        return open.stream().filter(id -> end(id, at, reason)).toList();
    }

    @Override
    public int deleteAllOfUser(String userId) {
        Integer deleted = tx.execute(status -> {
            jdbc.sql("DELETE FROM wx_refresh_tokens WHERE session_id IN (SELECT id FROM wx_sessions WHERE user_id = ?)")
                    .param(userId)
                    .update();
            return jdbc.sql("DELETE FROM wx_sessions WHERE user_id = ?")
                    .param(userId)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }

    @Override
    public List<SessionRecord> listLive(String userId, Instant now) {
        return jdbc.sql("""
                SELECT * FROM wx_sessions
                 WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?
                 ORDER BY created_at DESC, id DESC""")
                .params(userId, Millis.of(now))
                .query(JdbcSessionStore::map)
                .list();
    }

    @Override
    public void touch(String sessionId, Instant at) {
        jdbc.sql("UPDATE wx_sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?")
                .params(Millis.of(at), sessionId, Millis.of(at))
                .update();
    }

    @Override
    public int purge(Instant before, int batch) {
        long cutoff = Millis.of(before);
        Integer deleted = tx.execute(status -> {
            List<String> sessions = jdbc.sql("""
                    SELECT id FROM wx_sessions WHERE expires_at < ? OR (ended_at IS NOT NULL AND ended_at < ?)
                     LIMIT ?""")
                    .params(cutoff, cutoff, batch)
                    .query(String.class)
                    .list();
            int n = 0;
            if (!sessions.isEmpty()) {
                String in = placeholders(sessions.size());
                n += jdbc.sql("DELETE FROM wx_refresh_tokens WHERE session_id IN (" + in + ")")
                        .params(sessions)
                        .update();
                n += jdbc.sql("DELETE FROM wx_sessions WHERE id IN (" + in + ")")
                        .params(sessions)
                        .update();
            }
            List<String> tokens = jdbc.sql("SELECT token_hash FROM wx_refresh_tokens WHERE expires_at < ? LIMIT ?")
                    .params(cutoff, batch)
                    .query(String.class)
                    .list();
            if (!tokens.isEmpty()) {
                n += jdbc.sql("DELETE FROM wx_refresh_tokens WHERE token_hash IN (" + placeholders(tokens.size()) + ")")
                        .params(tokens)
                        .update();
            }
            return n;
        });
        return deleted == null ? 0 : deleted;
    }

    private void insertRefreshToken(RefreshTokenRecord refresh) {
        jdbc.writeLater(
                "INSERT INTO wx_refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                refresh.hash(),
                refresh.sessionId(),
                Millis.of(refresh.issuedAt()),
                Millis.of(refresh.expiresAt()));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static SessionRecord map(ResultSet rs, int row) throws SQLException {
        return new SessionRecord(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getString("app_id"),
                Millis.instant(rs.getLong("created_at")),
                Millis.instant(rs.getLong("expires_at")),
                Millis.instant(rs.getLong("last_used_at")),
                Optional.ofNullable(rs.getString("user_agent")),
                Optional.ofNullable(rs.getString("client_ip")),
                Millis.optional(rs, "ended_at"));
    }
}
