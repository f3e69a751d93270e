package io.github.wxlogin.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Times are stored as epoch milliseconds: one form on every database. */
final class Millis {

    private Millis() {}

    static long of(Instant t) {
        return t.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> optional(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }

    /** A nullable time column, read the same on every driver (SQLite's refuses getObject(…, Long.class) on NULL). */
    static Optional<Instant> optional(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
