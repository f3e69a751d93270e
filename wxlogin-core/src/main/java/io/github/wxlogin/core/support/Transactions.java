package io.github.wxlogin.core.support;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a unit of store work all or nothing: every write the stores make inside {@link #inOne} commits
 * together or none does. Units that start inside another join it. A store adapter that has
 * transactions implements this (the server's JDBC one); stores that have none run the work as it comes
 * ({@link #NONE}: the in-memory stores, each atomic per call).
 */
public interface Transactions {

    /**
     * Runs {@code work} in one transaction. When a concurrent unit wins a unique constraint first, the
     * whole unit is rolled back and run again, so the work reads, decides and writes, and may run more
     * than once; anything it must do only once belongs in {@link #afterCommit}.
     */
    <T> T inOne(Supplier<T> work);

    /**
     * {@link #inOne} on the store's own threads, for a caller that must not wait (a login whose platform
     * answer arrived on an HTTP client's thread): the future gives the unit's result or fails with what it
     * threw. A store whose calls never block (in memory) runs it at once on the caller's thread, as here.
     */
    default <T> CompletableFuture<T> inOneAsync(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(inOne(work));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code action} once the transaction open now has committed (never when it rolls back), or at
     * once when none is open: for what others may only see after the commit (cache evictions, fleet
     * announcements).
     */
    void afterCommit(Runnable action);

    /** No transactions: the work runs as it comes, after-commit actions at once. */
    Transactions NONE = new Transactions() {
        @Override
        public <T> T inOne(Supplier<T> work) {
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };
}
