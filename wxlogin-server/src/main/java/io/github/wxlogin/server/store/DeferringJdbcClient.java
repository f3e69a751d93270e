package io.github.wxlogin.server.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The stores' {@link JdbcClient}: the one it wraps, and besides it {@link #writeLater} for the rows a unit
 * of work writes and never reads back (a login's user, identity, session, refresh token and audit row; a
 * refresh's successor named on the spent token, its new token and audit row).
 * Inside a transaction those wait, and go to the database together just before the transaction's next
 * statement through any store (each {@link #sql} sends them first) or before its commit: on PostgreSQL as
 * one command of several statements, one round trip where each write took one, elsewhere one by one. A
 * unique violation among them fails that statement or the commit, and the unit rolls back whole as it did
 * ({@link JdbcTransactions} runs it again); a unit rolled back drops what waited. Outside a transaction a
 * write runs at once.
 *
 * <p>Only the stores' statements send the waiting writes first: a statement of the same transaction made
 * through another client would not see them. Every JDBC store wraps its client in one ({@link #around}).
 */
public final class DeferringJdbcClient implements JdbcClient {

    /** The waiting writes of the thread's transaction, as a transaction resource under this key. */
    private static final Object PENDING = new Object();

    private final JdbcClient jdbc;
    private final boolean oneCommand;

    private DeferringJdbcClient(JdbcClient jdbc, boolean oneCommand) {
        this.jdbc = jdbc;
        this.oneCommand = oneCommand;
    }

    /**
     * @param oneCommand whether the driver takes several statements, with their parameters, in one
     *     command (PostgreSQL's does; SQLite's runs the first only, MariaDB's refuses them by default)
     */
    public static DeferringJdbcClient over(JdbcClient jdbc, boolean oneCommand) {
        return new DeferringJdbcClient(jdbc, oneCommand);
    }

    /** PostgreSQL's driver takes several statements in one command. */
    public static boolean takesSeveralStatements(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The client itself when it is one, else one over it that sends its waiting writes one by one. */
    static DeferringJdbcClient around(JdbcClient jdbc) {
        return jdbc instanceof DeferringJdbcClient deferring ? deferring : over(jdbc, false);
    }

    /** A statement of the transaction's, after the writes that wait. */
    @Override
    public StatementSpec sql(String sql) {
        sendWaiting();
        return jdbc.sql(sql);
    }

    /**
     * A write the transaction neither reads back nor needs the count of (an insert, or an update of a row it
     * has locked already): sent with the next statement, or now outside one.
     */
    void writeLater(String sql, Object... params) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.sql(sql).params(params).update();
            return;
        }
        Waiting waiting = (Waiting) TransactionSynchronizationManager.getResource(PENDING);
        if (waiting == null) {
            waiting = new Waiting(jdbc, oneCommand);
            TransactionSynchronizationManager.bindResource(PENDING, waiting);
            TransactionSynchronizationManager.registerSynchronization(waiting);
        }
        waiting.add(sql, params);
    }

    private static void sendWaiting() {
        if (TransactionSynchronizationManager.getResource(PENDING) instanceof Waiting waiting) {
            waiting.send();
        }
    }

    /** One transaction's waiting writes; sent before its commit, dropped at its end. */
    private static final class Waiting implements TransactionSynchronization {

        private final JdbcClient jdbc;
        private final boolean oneCommand;
        private final List<String> statements = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();

        Waiting(JdbcClient jdbc, boolean oneCommand) {
            this.jdbc = jdbc;
            this.oneCommand = oneCommand;
        }

        void add(String sql, Object[] values) {
            statements.add(sql);
            params.addAll(Arrays.asList(values));
            counts.add(values.length);
        }

        void send() {
            if (statements.isEmpty()) {
                return;
            }
            // Taken first: a failure leaves nothing to send again, as its transaction rolls back.
            List<String> sql = List.copyOf(statements);
            List<Object> values = new ArrayList<>(params);
            List<Integer> each = List.copyOf(counts);
            statements.clear();
            params.clear();
            counts.clear();
            if (oneCommand && sql.size() > 1) {
                jdbc.sql(String.join(";\n", sql)).params(values).update();
                return;
            }
            int from = 0;
            for (int i = 0; i < sql.size(); i++) {
                jdbc.sql(sql.get(i))
                        .params(values.subList(from, from + each.get(i)))
                        .update();
                from += each.get(i);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            send();
        }

        /** A transaction run inside this one (a new one, not joined) neither sees nor sends these. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(PENDING, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
        }
    }
}
