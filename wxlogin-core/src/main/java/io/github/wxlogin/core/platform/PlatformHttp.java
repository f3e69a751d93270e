package io.github.wxlogin.core.platform;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one JDK {@link HttpClient} every platform client shares (one per connect timeout; every platform
 * uses the same by default): HTTP/1.1, no redirects followed, and a fixed pool of as many threads as
 * cores for its asynchronous work. Left to itself, each client would start its own selector thread and
 * a thread per call in flight (the JDK's default executor grows without bound: 71 of them under 64
 * concurrent logins, each with its stack, docs/benchmarks.md); nothing that runs on these threads
 * blocks (answers are parsed and handed on), so a thread per core is enough.
 */
final class PlatformHttp {

    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new Named("wxlogin-platform-http-"));

    private PlatformHttp() {}

    static HttpClient client(Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(
                connectTimeout,
                timeout -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(EXECUTOR)
                        .build());
    }

    private record Named(String prefix, AtomicInteger count) implements ThreadFactory {
        Named(String prefix) {
            this(prefix, new AtomicInteger());
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
