package io.github.wxlogin.server.store;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run a login's unit of work once the platform has answered, so no request thread
 * waits for the platform (the request is asynchronous meanwhile). One thread per pooled connection: a
 * unit holds a connection from its start to its commit, so more threads would only wait for the pool.
 * Units wait in a queue of {@link #QUEUE} at most; past it a unit is refused at once (answered 503),
 * rather than queued behind work its caller may have given up on. What follows a commit (signing the
 * access token, answering) runs on {@link #completions()}, so a store thread goes straight to the next
 * unit: with SQLite's one connection that is one thread for every login.
 */
public final class StoreThreads implements AutoCloseable {

    /** Units waiting for a store thread, at most: a few seconds of work even for one SQLite thread. */
    static final int QUEUE = 10_000;

    private final ThreadPoolExecutor units;
    private final ThreadPoolExecutor completions;

    public StoreThreads(int threads) {
        this(threads, QUEUE);
    }

    /** With a queue of {@code queue} units (the tests' small one). */
    StoreThreads(int threads, int queue) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.units = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), named("wxlogin-store-"));
        int cpus = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.completions = new ThreadPoolExecutor(
                cpus, cpus, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("wxlogin-after-commit-"));
    }

    /** Where units run; {@code execute} throws {@link java.util.concurrent.RejectedExecutionException} when the queue is full. */
    public Executor units() {
        return units;
    }

    /** Where what follows a unit's commit runs: CPU work only, as many threads as cores. */
    public Executor completions() {
        return completions;
    }

    /** Lets the queued units finish; a graceful shutdown has already drained the requests waiting for them. */
    @Override
    public void close() {
        units.shutdown();
        completions.shutdown();
        try {
            units.awaitTermination(10, TimeUnit.SECONDS);
            completions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Daemon threads named {@code prefix}1, 2, …, with this service's class loader as their context class
     * loader. A new thread would otherwise inherit the context class loader of whichever thread submitted
     * the unit that started it, such as a request thread of an embedded Tomcat that has stopped since (a
     * JVM that ran another instance before, as a test JVM does). Libraries load resources through it at
     * first use: Spring's SQL error codes, read once per JVM at the first failed statement, came out empty
     * that way, and every later unique-key conflict on SQLite was answered 500 instead of 409.
     */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader service = StoreThreads.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(service);
            return t;
        };
    }
}
