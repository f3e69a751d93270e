package io.github.wxlogin.server.store;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.Transactions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Transactions} over Spring's JDBC transactions: the stores' {@code JdbcClient} calls inside
 * {@link #inOne} run on the transaction's connection. The outermost unit retries itself whole when a
 * concurrent one won a unique constraint (two first logins of one user): the loser's transaction is
 * rolled back (PostgreSQL would refuse anything more in it), and its next run finds the winner's rows.
 * A unit the database chose as a deadlock's victim (InnoDB, under concurrent inserts of one key) is run
 * again the same way. A unit that failed because the database could not be reached fails with the
 * core's {@code upstream_unavailable} ({@link DatabaseFailures}): it never began or was rolled back, unless
 * the connection was lost during its commit, when whether the commit took is unknown (as for any answer lost).
 * A unit that refused (the core's {@link WxLoginException}) is rolled back and answers its refusal, even
 * when its rollback then finds the connection lost.
 */
public final class JdbcTransactions implements Transactions {

    private static final int TRIES = 5;

    private final TransactionTemplate tx;
    private final Executor units;
    private final Executor completions;

    /**
     * @param threads where {@link #inOneAsync} runs its units, and completes their futures
     */
    public JdbcTransactions(TransactionTemplate tx, StoreThreads threads) {
        this(tx, threads.units(), threads.completions());
    }

    /** Units and their futures' completions on the caller's thread. */
    public JdbcTransactions(TransactionTemplate tx) {
        this(tx, Runnable::run, Runnable::run);
    }

    private JdbcTransactions(TransactionTemplate tx, Executor units, Executor completions) {
        this.tx = tx;
        this.units = Futures.inCallersContext(units);
        this.completions = Futures.inCallersContext(completions);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            // The core's own refusal from the unit rolls the unit back and is the answer whatever the
            // rollback meets: a connection lost under it rolls the transaction back all the same, where
            // Spring would throw the rollback's failure in the refusal's place.
            WxLoginException[] refused = new WxLoginException[1];
            T result;
            try {
                result = tx.execute(status -> {
                    try {
                        return work.get();
                    } catch (WxLoginException e) {
                        status.setRollbackOnly();
                        refused[0] = e;
                        return null;
                    }
                });
            } catch (RuntimeException e) {
                if (refused[0] != null) {
                    throw refused[0];
                }
                if (attempt < TRIES && raced(e)) {
                    continue;
                }
                // The core counts and answers its own codes: a database out of reach is one of them.
                throw DatabaseFailures.unreachable(e) ? DatabaseFailures.unavailable(e) : e;
            }
            if (refused[0] != null) {
                throw refused[0];
            }
            return result;
        }
    }

    /**
     * Whether a concurrent unit won: a unique constraint (two first logins of one user: the loser is
     * rolled back, as PostgreSQL would refuse anything more in it, and its next run finds the winner's
     * rows), a deadlock's victim (InnoDB, concurrent inserts of one key), or a foreign key to a row
     * another unit removed since this one read it (a login of a user an admin merge just removed): the
     * next try reads the world as it is now. Any other integrity violation is a bug, never tried again.
     */
    private static boolean raced(RuntimeException failure) {
        if (failure instanceof DuplicateKeyException || failure instanceof PessimisticLockingFailureException) {
            return true;
        }
        return failure instanceof DataIntegrityViolationException e && SqlStates.isForeignKeyViolation(e);
    }

    @Override
    public <T> CompletableFuture<T> inOneAsync(Supplier<T> work) {
        CompletableFuture<T> unit;
        try {
            unit = CompletableFuture.supplyAsync(() -> inOne(work), units);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(WxLoginException.serviceBusy());
        }
        // What the caller chains on the future runs off the store thread, which goes to the next unit.
        return unit.whenCompleteAsync((value, failure) -> {}, completions);
    }

    @Override
    public void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
