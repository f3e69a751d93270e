package io.github.wxlogin.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting in tests of asynchronous work, with a deadline of 30 s wherever they wait. */
public final class Waits {

    private Waits() {}

    /** What {@code future} failed with; an {@link AssertionError} when it completes normally or not in time. */
    public static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for {@code latch}, at most 30 s: what holds a thread open in a test lets it go in the end. */
    public static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
