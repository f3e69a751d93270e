package io.github.wxlogin.core.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link AccessTokenStore}. Each backend's test extends this class and says how to make
 * a fresh, empty store, so every backend answers the same tests.
 */
public abstract class AccessTokenStoreContract {

    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final int THREADS = 8;

    private AccessTokenStore store;
    /** Two hours from now, as WeChat gives them: a store may keep a token only until it expires. */
    private final Instant expiresAt =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(2));

    /** A new, empty store; called before each test. */
    protected abstract AccessTokenStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void anAppWithoutATokenHasNone() {
        assertThat(store.get(APP)).isEmpty();
    }

    @Test
    void aTokenPutIsGotBackWithItsExpiry() {
        WeChatAccessToken token = new WeChatAccessToken("token_1", expiresAt);

        store.put(APP, token);

        assertThat(store.get(APP)).contains(token);
    }

    @Test
    void aLaterPutReplacesTheToken() {
        store.put(APP, new WeChatAccessToken("token_1", expiresAt));
        WeChatAccessToken renewed = new WeChatAccessToken("token_2", expiresAt.plusSeconds(60));

        store.put(APP, renewed);

        assertThat(store.get(APP)).contains(renewed);
    }

    @Test
    void eachAppHasItsOwnToken() {
        store.put(APP, new WeChatAccessToken("token_1", expiresAt));
        store.put(OTHER_APP, new WeChatAccessToken("token_2", expiresAt));

        assertThat(store.get(APP).orElseThrow().value()).isEqualTo("token_1");
        assertThat(store.get(OTHER_APP).orElseThrow().value()).isEqualTo("token_2");
        assertThat(store.get("wx3333333333333333")).isEmpty();
    }

    @Test
    void theLockGivesBackWhatTheActionReturns() {
        assertThat(store.withLock(APP, () -> "fetched")).isEqualTo("fetched");
    }

    @Test
    void theLockAdmitsOneHolderAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();

        Concurrently.run(
                THREADS,
                Duration.ofSeconds(30),
                i -> store.withLock(APP, () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inside.decrementAndGet();
                    return i;
                }));

        assertThat(mostInside).hasValue(1);
    }

    @Test
    void theLockIsReleasedWhenTheActionFails() {
        IllegalStateException failure = new IllegalStateException("fetch failed");

        assertThatThrownBy(() -> store.withLock(APP, () -> {
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(store.withLock(APP, () -> "next")).isEqualTo("next");
    }

    @Test
    void oneAppsLockDoesNotHoldAnotherAppsLock() {
        String other = store.withLock(
                APP,
                () -> CompletableFuture.supplyAsync(() -> store.withLock(OTHER_APP, () -> "other app"))
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join());

        assertThat(other).isEqualTo("other app");
    }
}
