package io.github.wxlogin.server.web;

import static io.github.wxlogin.server.Waits.await;
import static io.github.wxlogin.server.Waits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The threads a request's synchronous platform call runs on: its own, with its logging context, bounded. */
class PlatformCallsTest {

    private final PlatformCalls calls = new PlatformCalls(1);

    @AfterEach
    void close() {
        calls.close();
        MDC.clear();
    }

    @Test
    void aCallRunsOffTheCallersThreadWithItsTraceId() throws Exception {
        MDC.put(TraceIds.MDC_KEY, "0af7651916cd43dd8448eb211c80319c");
        Thread caller = Thread.currentThread();

        CompletableFuture<String> seen = calls.call(
                () -> (Thread.currentThread() == caller ? "caller's thread" : "own") + " " + MDC.get(TraceIds.MDC_KEY));

        assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("own 0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void pastTheLimitACallIsBusyAtOnceAndTheNextAfterAFreedOneRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> held = calls.call(() -> {
            await(release);
            return "held";
        });

        CompletableFuture<String> refused = calls.call(() -> "never run");

        assertThat(refused).isCompletedExceptionally();
        assertThat(failureOf(refused)).isInstanceOfSatisfying(WxLoginException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
            assertThat(e.retryAfter()).isPresent();
        });
        release.countDown();
        assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo("held");
        // The freed place is given back just after the held call's future completes: ask until it is.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        CompletableFuture<String> after = calls.call(() -> "after");
        while (after.isCompletedExceptionally() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            after = calls.call(() -> "after");
        }
        assertThat(after.get(30, TimeUnit.SECONDS)).isEqualTo("after");
    }

    @Test
    void whatARefusedCallTookIsGivenBackAndAStartedCallGivesNothingBack() throws Exception {
        AtomicInteger givenBack = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> held = calls.call(
                () -> {
                    await(release);
                    return "held";
                },
                givenBack::incrementAndGet);

        CompletableFuture<String> refused = calls.call(() -> "never run", givenBack::incrementAndGet);

        assertThat(givenBack).as("given back before the refusal is answered").hasValue(1);
        assertThat(failureOf(refused)).isInstanceOf(WxLoginException.class);
        release.countDown();
        assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(givenBack).as("the call that ran gave nothing back").hasValue(1);
    }

    @Test
    void aCallsExceptionFailsItsFutureAsItIs() {
        WxLoginException refused = WxLoginException.invalidRequest("no");

        CompletableFuture<String> failed = calls.call(() -> {
            throw refused;
        });

        assertThat(failureOf(failed)).isSameAs(refused);
    }
}
