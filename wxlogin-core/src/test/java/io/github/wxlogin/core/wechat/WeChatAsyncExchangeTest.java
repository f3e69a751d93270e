package io.github.wxlogin.core.wechat;

import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.json;
import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.stall;
import static io.github.wxlogin.core.wechat.ScriptedWeChat.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous code exchange, over real HTTP to a scripted WeChat: the caller gets its future
 * before WeChat answers, a busy answer is retried once a scheduled pause is over (no thread waits
 * through it), the circuit and the budget hold as for the synchronous call, and the platform port's
 * future fails with the same contract errors, secrets masked. Nothing here waits on a clock: the
 * test holds WeChat's answer and the pause, and lets them go.
 */
class WeChatAsyncExchangeTest {

    private static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    private static final App APP = new App("wx1111111111111111", SECRET, Optional.empty());
    private static final String CODE = "081Kq4Ga1MvWqG0Q5oHa1xYz3n3Kq4Gz";
    private static final String OK = "{\"openid\":\"oUser1\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}";
    private static final String BUSY = "{\"errcode\":-1,\"errmsg\":\"system error\"}";
    /** Long enough never to be reached by a test that ends: every wait here ends on an event. */
    private static final long PATIENCE_SECONDS = 30;

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    /** The pauses asked for, each left to the test to end. */
    private final LinkedBlockingQueue<HeldPause> pauses = new LinkedBlockingQueue<>();

    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private ScriptedWeChat wechat;
    private WeChatClient client;

    private record HeldPause(Duration length, CompletableFuture<Void> over) {}

    @BeforeEach
    void start() throws IOException {
        wechat = new ScriptedWeChat();
        client = client(settings(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void theCallerHasItsFutureBeforeWeChatAnswers() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        wechat.answer(json(OK).then(() -> {
            asked.countDown();
            await(answer);
        }));

        CompletableFuture<PlatformSession> session = client.code2SessionAsync(APP, CODE);

        assertThat(asked.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(session).as("WeChat holds its answer back").isNotDone();
        answer.countDown();
        assertThat(session.get(PATIENCE_SECONDS, TimeUnit.SECONDS).openid()).isEqualTo("oUser1");
        assertThat(outcomes).containsExactly("0");
    }

    @Test
    void aBusyAnswerIsTriedAgainOnlyOnceThePauseIsOver() throws Exception {
        wechat.answer(json(BUSY), json(OK));

        CompletableFuture<PlatformSession> session = client.code2SessionAsync(APP, CODE);
        HeldPause pause = nextPause();

        assertThat(pause.length()).isEqualTo(Duration.ofMillis(200));
        assertThat(session).isNotDone();
        assertThat(wechat.requests()).hasSize(1);
        pause.over().complete(null);
        assertThat(session.get(PATIENCE_SECONDS, TimeUnit.SECONDS).openid()).isEqualTo("oUser1");
        assertThat(wechat.requests()).hasSize(2);
        assertThat(outcomes).as("each try is told to the listener").containsExactly("-1", "0");
    }

    @Test
    void busyEveryTimeFailsWithTheBusyErrorAfterMaxAttemptsWithDoublingPauses() throws Exception {
        wechat.answer(json(BUSY));

        CompletableFuture<PlatformSession> session = client.code2SessionAsync(APP, CODE);
        HeldPause first = nextPause();
        first.over().complete(null);
        HeldPause second = nextPause();
        second.over().complete(null);

        WeChatError e = failure(session, WeChatError.class);
        assertThat(e.isBusy()).isTrue();
        assertThat(List.of(first.length(), second.length()))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(wechat.requests()).hasSize(3);
        assertThat(pauses).isEmpty();
        assertThat(outcomes).containsExactly("-1", "-1", "-1");
    }

    @Test
    void aPauseThatWouldOverrunTheBudgetIsNotTakenAndTheBusyAnswerStands() throws Exception {
        // WeChat's busy answer takes the clock to 100 ms before the end of the budget: no 200 ms pause fits.
        wechat.answer(json(BUSY).then(() -> clock.advance(Duration.ofMillis(7900))));

        WeChatError e = failure(client.code2SessionAsync(APP, CODE), WeChatError.class);

        assertThat(e.isBusy()).isTrue();
        assertThat(pauses).isEmpty();
        assertThat(wechat.requests()).hasSize(1);
    }

    @Test
    void anOpenCircuitFailsTheFutureWithoutAskingWeChat() throws Exception {
        wechat.answer(status(502, "<html>bad gateway</html>"));
        for (int i = 0; i < 3; i++) {
            failure(client.code2SessionAsync(APP, "down" + i), WeChatUnavailable.class);
        }

        clock.advance(Duration.ofSeconds(4));
        WeChatUnavailable refused = failure(client.code2SessionAsync(APP, CODE), WeChatUnavailable.class);

        assertThat(wechat.requests()).as("three failures opened it").hasSize(3);
        assertThat(refused.getMessage()).contains("not called");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(16));
        assertThat(client.circuits().circuitBreaker(WeChatClient.CODE2SESSION).getState())
                .hasToString("OPEN");
    }

    @Test
    void wechatRefusingACodeIsAnAnswerAndLeavesTheCircuitClosed() throws Exception {
        wechat.answer(json("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));
        for (int i = 0; i < 5; i++) {
            assertThat(failure(client.code2SessionAsync(APP, CODE), WeChatError.class)
                            .errcode())
                    .isEqualTo(40029);
        }

        assertThat(client.circuits().circuitBreaker(WeChatClient.CODE2SESSION).getState())
                .hasToString("CLOSED");
        assertThat(wechat.requests()).hasSize(5);
    }

    @Test
    void aStallPastTheRequestTimeoutFailsTheFutureTimedOut() throws Exception {
        wechat.answer(stall(Duration.ofSeconds(60), OK));
        WeChatClient impatient = client(settings(Duration.ofMillis(300)));

        WeChatUnavailable e = failure(impatient.code2SessionAsync(APP, CODE), WeChatUnavailable.class);

        assertThat(e.getMessage()).contains("timed out");
        assertThat(outcomes).containsExactly("unavailable");
        assertKeepsSecrets(e);
    }

    @Test
    void thePlatformPortsFutureFailsWithTheContractsErrors() throws Exception {
        WeChatPlatform platform = new WeChatPlatform(client, null);

        wechat.answer(json("{\"errcode\":40029,\"errmsg\":\"invalid code " + CODE + "\"}"));
        PlatformException refused = failure(platform.exchangeCodeAsync(APP, CODE), PlatformException.class);
        wechat.answer(status(503, "down"));
        PlatformException unreachable = failure(platform.exchangeCodeAsync(APP, CODE), PlatformException.class);

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(refused.heard()).isTrue();
        assertThat(unreachable.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(unreachable.heard()).as("WeChat did not take the code in").isFalse();
        assertThat(unreachable.retryAfter()).contains(WeChatErrors.BUSY_RETRY);
        assertKeepsSecrets(refused);
        assertKeepsSecrets(unreachable);
    }

    @Test
    void theSynchronousExchangeThrowsThePlatformExceptionItself() {
        WeChatPlatform platform = new WeChatPlatform(
                new WeChatClient(wechat::baseUrl, settings(Duration.ofSeconds(5)), clock, Pauses.none()), null);
        wechat.answer(json(BUSY));

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> platform.exchangeCode(APP, CODE));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(e.getCause()).isInstanceOf(WeChatError.class);
    }

    private HeldPause nextPause() throws InterruptedException {
        HeldPause pause = pauses.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(pause).as("a pause was asked for").isNotNull();
        return pause;
    }

    /** The future's failure, unwrapped, of the type expected. */
    private static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type)
            throws InterruptedException, TimeoutException {
        try {
            future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            assertThat(Futures.unwrap(e)).isSameAs(e.getCause());
            return type.cast(e.getCause());
        }
        throw new AssertionError("the future did not fail");
    }

    private void assertKeepsSecrets(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t + " " + t.getMessage())
                    .doesNotContain(SECRET)
                    .doesNotContain(CODE)
                    .doesNotContain(URLEncoder.encode(CODE, StandardCharsets.UTF_8))
                    .doesNotContain("js_code");
        }
    }

    private WeChatClient client(PlatformHttpSettings settings) {
        return new WeChatClient(
                wechat::baseUrl,
                settings,
                clock,
                d -> {
                    CompletableFuture<Void> over = new CompletableFuture<>();
                    pauses.add(new HeldPause(d, over));
                    return over;
                },
                (api, outcome, latency) -> outcomes.add(outcome));
    }

    /** Three tries, 200 ms first pause, 8 s budget; the circuit opens after 3 failures for 20 s. */
    private PlatformHttpSettings settings(Duration requestTimeout) {
        return new PlatformHttpSettings(
                wechat.baseUrl(),
                Duration.ofSeconds(2),
                requestTimeout,
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(8),
                3,
                Duration.ofSeconds(20));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
