package io.github.wxlogin.server.store;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's errors in Spring's terms, which its own list (sql-error-codes.xml) lacks: SQLite's driver
 * reports every constraint as error code 19 and tells a unique one only by its extended result code,
 * so this looks at that. Named in this module's {@code sql-error-codes.xml}; what it leaves (null) falls
 * to Spring's usual translation.
 */
public final class SqliteExceptions implements SQLExceptionTranslator {

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        if (!(ex instanceof SQLiteException sqlite)) {
            return null;
        }
        SQLiteErrorCode code = sqlite.getResultCode();
        String message = task + "; SQL [" + sql + "]; " + ex.getMessage();
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> new DuplicateKeyException(message, ex);
            case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT ->
                new CannotAcquireLockException(message, ex);
            default -> null;
        };
    }
}
