package io.github.wxlogin.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs n calls at the same moment: each on its own thread, all held at a start gate until every one
 * is ready. The results come back in the order of the calls' indexes.
 */
public final class Concurrently {

    private Concurrently() {}

    /** Waits for every thread at the gate as long as it takes, and for each result up to 60 seconds. */
    public static <T> List<T> run(int n, IntFunction<T> call) throws Exception {
        return run(n, null, Duration.ofSeconds(60), call);
    }

    /**
     * Asserts that every thread reaches the gate within {@code timeout}, and waits for each result up to
     * {@code timeout}.
     */
    public static <T> List<T> run(int n, Duration timeout, IntFunction<T> call) throws Exception {
        return run(n, timeout, timeout, call);
    }

    private static <T> List<T> run(int n, Duration readyTimeout, Duration resultTimeout, IntFunction<T> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            if (readyTimeout == null) {
                ready.await();
            } else {
                assertThat(ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(resultTimeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
