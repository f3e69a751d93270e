package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous exchange keeps the synchronous one's rules: the allowance and the claim are
 * decided before the platform is asked (a second use of a code waiting on the platform is refused at
 * once), a code the platform did not hear is given back when it fails, one it heard stays spent, and
 * every refusal is the future's failure, unwrapped. The platform's answers are held by the test.
 */
class CodeExchangeTest {

    private static final App APP = new App("wx1111111111111111", "5ec7e75ec7e75ec7e75ec7e75ec7e7aa", Optional.empty());
    private static final String CODE = "081Kq4Ga1MvWqG0Q5oHa1xYz3n3Kq4Gz";
    private static final PlatformSession ALICE = new PlatformSession("o_alice", "c2Vzc2lvbmtleQ==", Optional.empty());

    /** A platform whose answers the test gives, one pending future per call. */
    private static final class HeldPlatform implements PlatformClient {
        final List<CompletableFuture<PlatformSession>> calls = new ArrayList<>();

        @Override
        public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
            CompletableFuture<PlatformSession> answer = new CompletableFuture<>();
            calls.add(answer);
            return answer;
        }

        @Override
        public PlatformSession exchangeCode(App app, String code) {
            return Futures.join(exchangeCodeAsync(app, code));
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            throw new UnsupportedOperationException();
        }
    }

    private final HeldPlatform platform = new HeldPlatform();
    private boolean throttled;
    private final AppThrottle throttle = new AppThrottle() {
        @Override
        public Optional<Duration> tryAdmit(String appId) {
            return throttled ? Optional.of(Duration.ofSeconds(2)) : Optional.empty();
        }

        @Override
        public boolean active() {
            return true;
        }
    };
    private final CodeExchange exchange =
            new CodeExchange(throttle, new InMemoryCodeLedger(1000, new FakeTicker()), platform);

    @Test
    void thePlatformsSessionIsTheFuturesValue() {
        CompletableFuture<PlatformSession> session = exchange.exchangeAsync(APP, CODE);

        assertThat(session).isNotDone();
        platform.calls.get(0).complete(ALICE);
        assertThat(session).isCompletedWithValue(ALICE);
    }

    @Test
    void theCodeIsClaimedBeforeThePlatformAnswersSoASecondUseIsRefusedAtOnce() {
        CompletableFuture<PlatformSession> first = exchange.exchangeAsync(APP, CODE);
        CompletableFuture<PlatformSession> second = exchange.exchangeAsync(APP, CODE);

        assertThat(first).isNotDone();
        assertThat(refusal(second).code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(platform.calls).hasSize(1);
    }

    @Test
    void aCodeThePlatformDidNotHearIsGivenBackWhenItFailsSoTheRetryReachesIt() {
        CompletableFuture<PlatformSession> busy = exchange.exchangeAsync(APP, CODE);
        PlatformException unheard =
                new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE, "busy", Duration.ofSeconds(5), false, null);
        platform.calls.get(0).completeExceptionally(unheard);

        CompletableFuture<PlatformSession> retry = exchange.exchangeAsync(APP, CODE);

        assertThat(refusal(busy)).isSameAs(unheard);
        assertThat(platform.calls).hasSize(2);
        platform.calls.get(1).complete(ALICE);
        assertThat(retry).isCompletedWithValue(ALICE);
    }

    @Test
    void aCodeThePlatformHeardAndRefusedStaysSpent() {
        CompletableFuture<PlatformSession> refused = exchange.exchangeAsync(APP, CODE);
        platform.calls
                .get(0)
                .completeExceptionally(new PlatformException(ErrorCode.INVALID_CODE, "refused", null, true, null));

        CompletableFuture<PlatformSession> retry = exchange.exchangeAsync(APP, CODE);

        assertThat(refusal(refused).code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(refusal(retry).code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(platform.calls).hasSize(1);
    }

    @Test
    void aFailureThatIsNotThePlatformsAnswerKeepsTheCodeClaimed() {
        CompletableFuture<PlatformSession> broken = exchange.exchangeAsync(APP, CODE);
        IllegalStateException bug = new IllegalStateException("bug");
        platform.calls.get(0).completeExceptionally(bug);

        assertThat(refusal(broken, IllegalStateException.class)).isSameAs(bug);
        assertThat(refusal(exchange.exchangeAsync(APP, CODE)).code()).isEqualTo(ErrorCode.CODE_USED);
    }

    @Test
    void aThrottledLoginFailsWithoutClaimingItsCodeOrAskingThePlatform() {
        throttled = true;
        WxLoginException limited = refusal(exchange.exchangeAsync(APP, CODE));
        throttled = false;
        CompletableFuture<PlatformSession> admitted = exchange.exchangeAsync(APP, CODE);

        assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(platform.calls).hasSize(1);
        assertThat(admitted).isNotDone();
    }

    @Test
    void theSynchronousExchangeThrowsTheSameExceptionNotAWrapper() {
        exchange.exchangeAsync(APP, CODE);

        WxLoginException used = catchThrowableOfType(WxLoginException.class, () -> exchange.exchange(APP, CODE));

        assertThat(used.code()).isEqualTo(ErrorCode.CODE_USED);
    }

    private static WxLoginException refusal(CompletableFuture<?> future) {
        return refusal(future, WxLoginException.class);
    }

    private static <T extends Throwable> T refusal(CompletableFuture<?> future, Class<T> type) {
        assertThat(future).isCompletedExceptionally();
        Throwable failure = future.handle((value, e) -> e).join();
        assertThat(failure).isInstanceOf(type);
        return type.cast(failure);
    }
}
