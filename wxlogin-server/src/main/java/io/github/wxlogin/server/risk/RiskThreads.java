package io.github.wxlogin.server.risk;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that rank first logins (a store look-up and WeChat's answer, both blocking), so neither
 * holds the platform's HTTP threads nor a store thread. Idle, none are kept. Past {@link #QUEUE} waiting
 * checks, a login is let through unranked at once (the policy's on-failure), never held or refused.
 */
final class RiskThreads implements AutoCloseable {

    static final int THREADS = 16;
    static final int QUEUE = 1_000;

    private final ThreadPoolExecutor pool;

    RiskThreads() {
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "wxlogin-risk-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** {@code execute} throws {@link java.util.concurrent.RejectedExecutionException} when the queue is full. */
    Executor executor() {
        return pool;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
