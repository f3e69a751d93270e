package io.github.wxlogin.server.store;

import static io.github.wxlogin.server.Waits.await;
import static io.github.wxlogin.server.Waits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A unit that finds the store's queue full is refused at once with the service's "busy" answer (503
 * {@code upstream_unavailable}, {@code Retry-After: 1}) and never runs: nothing of it is written. The
 * units already running or queued are not disturbed, and a unit sent once there is room again runs.
 */
class StoreQueueFullTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Test
    void aUnitPastTheQueueIsRefusedAtOnceAndWritesNothing() throws Exception {
        try (StoreThreads threads = new StoreThreads(1, 1)) {
            JdbcTransactions transactions = new JdbcTransactions(db.tx(), threads);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = transactions.inOneAsync(() -> {
                running.countDown();
                await(release);
                insertUser("u_first");
                return "first";
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued = transactions.inOneAsync(() -> {
                insertUser("u_queued");
                return "queued";
            });
            AtomicInteger refusedRuns = new AtomicInteger();

            CompletableFuture<String> refused = transactions.inOneAsync(() -> {
                refusedRuns.incrementAndGet();
                insertUser("u_refused");
                return "refused";
            });

            assertThat(refused).isCompletedExceptionally();
            assertThat(failureOf(refused)).isInstanceOfSatisfying(WxLoginException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
                assertThat(e.detail()).isEqualTo("the service is busy: retry shortly");
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            });
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo("queued");
            assertThat(transactions
                            .inOneAsync(() -> {
                                insertUser("u_after");
                                return "after";
                            })
                            .get(30, TimeUnit.SECONDS))
                    .isEqualTo("after");
            assertThat(refusedRuns.get()).isZero();
            assertThat(db.jdbc()
                            .sql("SELECT id FROM wx_users ORDER BY id")
                            .query(String.class)
                            .list())
                    .containsExactly("u_after", "u_first", "u_queued");
        }
    }

    private void insertUser(String id) {
        db.jdbc()
                .sql("INSERT INTO wx_users (id, created_at, updated_at) VALUES (:id, 0, 0)")
                .param("id", id)
                .update();
    }
}
