package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryCodeLedgerTest {

    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final String CODE = "0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p";

    private final FakeTicker ticker = new FakeTicker();
    private final InMemoryCodeLedger ledger = new InMemoryCodeLedger(10_000, ticker);

    @Test
    void theFirstClaimOfACodeWinsAndEveryLaterOneLoses() {
        assertThat(ledger.claim(APP, CODE)).isTrue();
        assertThat(ledger.claim(APP, CODE)).isFalse();
        assertThat(ledger.claim(APP, CODE)).isFalse();
    }

    @Test
    void theSameCodeInAnotherAppIsAnotherClaim() {
        assertThat(ledger.claim(APP, CODE)).isTrue();

        assertThat(ledger.claim(OTHER_APP, CODE)).isTrue();
        assertThat(ledger.claim(OTHER_APP, CODE)).isFalse();
        assertThat(ledger.claim(APP, "another-code")).isTrue();
    }

    @Test
    void ofSixtyFourConcurrentClaimsOfOneCodeExactlyOneWins() throws Exception {
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return ledger.claim(APP, CODE);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();

            int wins = 0;
            for (Future<Boolean> result : results) {
                if (result.get(10, TimeUnit.SECONDS)) {
                    wins++;
                }
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedCodeCanBeClaimedAgainOnce() {
        ledger.claim(APP, CODE);

        ledger.release(APP, CODE);

        assertThat(ledger.claim(APP, CODE)).isTrue();
        assertThat(ledger.claim(APP, CODE)).isFalse();
    }

    @Test
    void releasingOneAppsCodeLeavesTheOtherAppsClaim() {
        ledger.claim(APP, CODE);
        ledger.claim(OTHER_APP, CODE);

        ledger.release(APP, CODE);

        assertThat(ledger.claim(OTHER_APP, CODE)).isFalse();
    }

    @Test
    void aClaimIsRememberedForTenMinutesAndThenForgotten() {
        assertThat(InMemoryCodeLedger.REMEMBER).isEqualTo(Duration.ofMinutes(10));
        ledger.claim(APP, CODE);

        ticker.advance(Duration.ofMinutes(9));
        assertThat(ledger.claim(APP, CODE)).as("after 9 minutes").isFalse();

        ticker.advance(Duration.ofMinutes(2));
        assertThat(ledger.claim(APP, CODE)).as("after 11 minutes").isTrue();
    }

    @Test
    void aRefusedClaimDoesNotExtendHowLongTheCodeIsRemembered() {
        ledger.claim(APP, CODE);
        ticker.advance(Duration.ofMinutes(9));
        ledger.claim(APP, CODE);

        ticker.advance(Duration.ofMinutes(2));

        assertThat(ledger.claim(APP, CODE)).isTrue();
    }

    /** Caffeine reads time through a Ticker; this one moves only when told. */
    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }
    }
}
