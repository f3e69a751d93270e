package io.github.wxlogin.server.store;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run a login's unit of work once the platform has answered, so no request thread
 * waits for the platform (the request is asynchronous meanwhile). One thread per pooled connection: a
 * unit holds a connection from its start to its commit, so more threads would only wait for the pool.
 * The queue has no bound of its own; it holds at most one unit per open HTTP connection (Tomcat's
 * {@code server.tomcat.max-connections}, 8,192 by default).
 */
public final class StoreThreads implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public StoreThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "wxlogin-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Executor executor() {
        return pool;
    }

    /** Lets the queued units finish; a graceful shutdown has already drained the requests waiting for them. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
