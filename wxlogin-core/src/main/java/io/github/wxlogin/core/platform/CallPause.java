package io.github.wxlogin.core.platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The pause before a retry, as a future that completes once it is over; a seam so tests need not wait. */
@FunctionalInterface
public interface CallPause {

    /** A timer: no thread waits, the next try starts on the JDK's delay scheduler thread. */
    CallPause SCHEDULED = d -> CompletableFuture.runAsync(
            () -> {}, CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));

    CompletableFuture<Void> after(Duration d);
}
