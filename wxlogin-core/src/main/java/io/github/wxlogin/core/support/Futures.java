package io.github.wxlogin.core.support;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The few things the asynchronous paths share: the failure a future really failed with (a stage
 * after a failed one fails with a {@link CompletionException} around it), and a join that throws
 * that failure as is, so a synchronous caller sees the same exception the synchronous code threw.
 */
public final class Futures {

    private Futures() {}

    /**
     * The executor, each task run with the logging context (slf4j's MDC) of the thread that hands it in,
     * so a unit of work moved to another thread logs with its request's trace id.
     */
    public static Executor inCallersContext(Executor executor) {
        return task -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            executor.execute(() -> withContext(context, task));
        };
    }

    private static void withContext(Map<String, String> context, Runnable task) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        setContext(context);
        try {
            task.run();
        } finally {
            setContext(before);
        }
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /**
     * The callback, run with the logging context (slf4j's MDC: the request's trace id) of the thread
     * that makes it, wherever the future completes: log lines written on completion stay with their request.
     */
    public static <T> BiConsumer<T, Throwable> inCallersContext(BiConsumer<T, Throwable> callback) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return (value, failure) -> withContext(context, () -> callback.accept(value, failure));
    }

    /**
     * The future's value, or its failure (unwrapped) replaced by what {@code translate} makes of it,
     * run in the logging context of the thread that calls this: how a platform's own failure becomes
     * the client's error, logged with its request's trace id.
     */
    public static <T> CompletableFuture<T> translatingFailure(
            CompletableFuture<T> future, Function<Throwable, Throwable> translate) {
        CompletableFuture<T> out = new CompletableFuture<>();
        future.whenComplete(inCallersContext((T value, Throwable failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(translate.apply(unwrap(failure)));
            }
        }));
        return out;
    }

    /** The failure under any {@link CompletionException} or {@link ExecutionException} wrapping. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Waits for the future and gives its value, or throws its failure unwrapped. A checked failure
     * (none of ours) comes out in a {@link CompletionException}.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The future {@code work} gives, or one failed with what it threw: a caller then has one place to look. */
    public static <T> CompletableFuture<T> capture(Supplier<CompletableFuture<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
