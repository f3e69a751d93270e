package io.github.wxlogin.core.login;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.testing.CoreFixture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LoginService#loginAsync}: the caller gets its future before the platform has answered (no
 * thread waits for it), the unit of work runs on the store's threads once the answer is in, and a
 * refusal fails the future with the contract's own exception, as the synchronous login throws it.
 */
class LoginAsyncTest {

    private final CompletableFuture<PlatformSession> answer = new CompletableFuture<>();
    private final AtomicReference<String> unitThread = new AtomicReference<>();
    private final AtomicInteger platformCalls = new AtomicInteger();
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "store"));

    /** A platform that answers when the test completes {@link #answer}. */
    private final PlatformClient slowPlatform = new PlatformClient() {
        @Override
        public PlatformSession exchangeCode(App app, String code) {
            throw new AssertionError("the login must not wait for the platform");
        }

        @Override
        public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
            platformCalls.incrementAndGet();
            return answer;
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            throw new UnsupportedOperationException();
        }
    };

    /** Units on their own thread, as the JDBC store runs them. */
    private final Transactions storeTransactions = new Transactions() {
        @Override
        public <T> T inOne(Supplier<T> work) {
            unitThread.set(Thread.currentThread().getName());
            return work.get();
        }

        @Override
        public <T> CompletableFuture<T> inOneAsync(Supplier<T> work) {
            return CompletableFuture.supplyAsync(() -> inOne(work), storeThread);
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };

    private final CoreFixture core =
            new CoreFixture(b -> b.platform(slowPlatform).transactions(storeTransactions));

    @AfterEach
    void stopStoreThread() {
        storeThread.shutdownNow();
    }

    @Test
    void theFutureIsHandedBackBeforeThePlatformAnswersAndTheUnitRunsOnTheStoresThread() throws Exception {
        CompletableFuture<SessionGrant> login = core.logins.loginAsync(APP, "code-1", PHONE);

        assertThat(login).as("returned while the platform has not answered").isNotDone();
        assertThat(unitThread.get()).as("nothing written yet").isNull();

        answer.complete(new PlatformSession("o_alice", "a2V5a2V5a2V5a2V5a2V5aw==", Optional.empty()));
        SessionGrant grant = login.get(30, TimeUnit.SECONDS);

        assertThat(unitThread.get()).isEqualTo("store");
        assertThat(grant.account().identity().openid()).isEqualTo("o_alice");
        assertThat(core.sessions.session(grant.sessionId())).isPresent();
    }

    @Test
    void aPlatformRefusalFailsTheFutureWithTheContractsExceptionAndWritesNothing() throws Exception {
        CompletableFuture<SessionGrant> login = core.logins.loginAsync(APP, "code-1", PHONE);

        answer.completeExceptionally(
                new PlatformException(ErrorCode.INVALID_CODE, "code refused", Duration.ZERO, true, null));

        ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
                ExecutionException.class, () -> login.get(30, TimeUnit.SECONDS));
        assertThat(failed.getCause())
                .as("unwrapped, as the synchronous login throws it")
                .isInstanceOf(PlatformException.class);
        assertThat(((WxLoginException) failed.getCause()).code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(unitThread.get()).isNull();
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).isEmpty();
    }

    @Test
    void aMalformedCodeFailsAtOnceWithoutAskingThePlatform() {
        CompletableFuture<SessionGrant> login = core.logins.loginAsync(APP, "bad code", PHONE);

        assertThat(login).isCompletedExceptionally();
        assertThat(platformCalls).hasValue(0);
    }

    @Test
    void aLoginItsCallerGaveUpOnWritesNothingWhenThePlatformAnswers() throws Exception {
        CompletableFuture<SessionGrant> login = core.logins.loginAsync(APP, "code-1", PHONE);

        login.cancel(false); // what the HTTP layer does when the request times out
        answer.complete(new PlatformSession("o_alice", "a2V5a2V5a2V5a2V5a2V5aw==", Optional.empty()));
        storeThread.shutdown();
        assertThat(storeThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(unitThread.get())
                .as("the unit ran, and stopped before writing")
                .isEqualTo("store");
        assertThat(core.users.userIdsByOpenid("o_alice", Optional.empty())).isEmpty();
        assertThat(core.auditLog.events()).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotLeaveTheLoginUnanswered() throws Exception {
        CoreFixture failing = new CoreFixture(b -> b.platform(slowPlatform)
                .transactions(storeTransactions)
                .loginListener(new LoginListener() {
                    @Override
                    public void loggedIn(String app, boolean newUser) {
                        throw new IllegalStateException("metrics are down");
                    }
                }));
        CompletableFuture<SessionGrant> login = failing.logins.loginAsync(APP, "code-1", PHONE);

        answer.complete(new PlatformSession("o_alice", "a2V5a2V5a2V5a2V5a2V5aw==", Optional.empty()));

        assertThat(login.get(30, TimeUnit.SECONDS).account().identity().openid())
                .isEqualTo("o_alice");
    }
}
