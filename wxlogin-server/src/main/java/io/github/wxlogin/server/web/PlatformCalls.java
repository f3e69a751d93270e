package io.github.wxlogin.server.web;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.support.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Where a request's synchronous call to a platform runs (a phone number bound by code, an identity
 * linked, the encrypted channel's key fetched, an admin's session-key reset): off the request threads,
 * which are few ({@link RequestThreads}), so a platform that answers slowly holds none of them and every
 * other call is still served. A login needs none of this: it waits for the platform on no thread at all.
 *
 * <p>Each call gets a thread of its own, a virtual one on JDK 21 and later, with the request's logging
 * context (its trace id). At most {@link #MAX_CALLS} run at once; past that a call is answered 503
 * {@code upstream_unavailable} at once, where Tomcat's 200 request threads used to make it wait.
 * Controllers return the future: Spring MVC answers when it completes, and answers 503 past
 * {@code spring.mvc.async.request-timeout} (20 s, above every platform's whole budget).
 */
@Component
public final class PlatformCalls implements AutoCloseable {

    static final int MAX_CALLS = 200;

    private final SimpleAsyncTaskExecutor threads;
    private final Executor inCallersContext;

    PlatformCalls() {
        this(MAX_CALLS);
    }

    PlatformCalls(int maxCalls) {
        threads = new SimpleAsyncTaskExecutor("wxlogin-platform-call-");
        threads.setDaemon(true);
        if (Runtime.version().feature() >= 21) {
            threads.setVirtualThreads(true);
        }
        threads.setConcurrencyLimit(maxCalls);
        threads.setRejectTasksWhenLimitReached(true);
        inCallersContext = Futures.inCallersContext(threads);
    }

    /** The call's result, worked out on a thread of its own; its exceptions fail the future as they are. */
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        return call(work, () -> {});
    }

    /**
     * As {@link #call(Supplier)}, and when the call is refused as busy (it never started), {@code
     * whenRefused} runs first, on the caller's thread: to give back what was taken for it, such as the
     * user's permit for the call.
     */
    public <T> CompletableFuture<T> call(Supplier<T> work, Runnable whenRefused) {
        try {
            return CompletableFuture.supplyAsync(work, inCallersContext);
        } catch (RejectedExecutionException full) {
            whenRefused.run();
            return CompletableFuture.failedFuture(WxLoginException.serviceBusy());
        }
    }

    @Override
    public void close() {
        threads.close();
    }
}
