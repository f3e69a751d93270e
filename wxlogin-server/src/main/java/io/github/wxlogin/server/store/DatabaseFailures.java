package io.github.wxlogin.server.store;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database out of reach as the core's failure: no connection to be had (the pool gave up waiting),
 * or the connection lost under a statement or a commit, is {@code upstream_unavailable}, answered 503
 * with {@code Retry-After}, like Redis gone. It is no bug of the service and no mistake of the client,
 * and it passes: the client should come back. Any other database failure stays what it is.
 */
public final class DatabaseFailures {

    /** The detail of a 503 when the database cannot be reached. */
    public static final String DATABASE_GONE = "the service's database is unavailable; try again shortly";

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** Spring JDBC's message for a rollback whose JDBC call failed ({@code DataSourceTransactionManager}). */
    private static final String ROLLBACK_FAILED = "JDBC rollback failed";

    private static final Logger log = LoggerFactory.getLogger(DatabaseFailures.class);

    private DatabaseFailures() {}

    /**
     * Whether this failure, or one of its causes, says the database could not be reached: Spring's own
     * sorting of connection failures ({@code DataAccessResourceFailureException}, which a connection the
     * pool cannot get is too; the transaction manager's {@code CannotCreateTransactionException}), or,
     * where Spring does not sort (a commit that failed), SQLSTATE class {@code 08} (connection exception)
     * or {@code 57P} (the server shutting down or starting up); and a rollback that failed after such a
     * failure, or after a commit that failed, which Spring throws in their stead.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
            // The statement failed on a lost connection, and then so did the rollback: Spring throws the
            // rollback's failure ("Connection is closed") and keeps the statement's apart.
            if (t instanceof TransactionSystemException tx
                    && tx.getApplicationException() != null
                    && unreachable(tx.getApplicationException())) {
                return true;
            }
            // The commit failed on a lost connection, and then so did the rollback Spring tried after it:
            // Spring throws the rollback's failure, the pool's closed connection (no SQLSTATE), and only
            // logs the commit's. No statement of the unit failed (there is no application exception). A
            // commit that failed on a connection the service itself closed (a bug) is Spring's "JDBC
            // commit failed", with no rollback after it: that one stays a failure of the service.
            if (t instanceof TransactionSystemException tx
                    && tx.getApplicationException() == null
                    && ROLLBACK_FAILED.equals(tx.getMessage())
                    && tx.getCause() instanceof SQLException sql
                    && sql.getSQLState() == null) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** {@code upstream_unavailable}, the failure as its cause; logged by the failure's type only (a message may name the host). */
    public static WxLoginException unavailable(Throwable failure) {
        log.warn("Database unavailable ({})", failure.getClass().getSimpleName());
        return new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, DATABASE_GONE, RETRY_AFTER, failure);
    }
}
