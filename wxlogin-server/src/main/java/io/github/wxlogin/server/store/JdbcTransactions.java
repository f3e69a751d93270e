package io.github.wxlogin.server.store;

import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.Transactions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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
 * again the same way.
 */
public final class JdbcTransactions implements Transactions {

    private static final int TRIES = 5;

    private final TransactionTemplate tx;
    private final Executor storeThreads;

    /**
     * @param storeThreads where {@link #inOneAsync} runs its units: as many threads as the pool has
     *     connections, since a unit holds one from start to commit
     */
    public JdbcTransactions(TransactionTemplate tx, Executor storeThreads) {
        this.tx = tx;
        this.storeThreads = Futures.inCallersContext(storeThreads);
    }

    public JdbcTransactions(TransactionTemplate tx) {
        this(tx, Runnable::run);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == TRIES) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public <T> CompletableFuture<T> inOneAsync(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> inOne(work), storeThreads);
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
