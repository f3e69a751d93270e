package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.testing.FakeTicker;
import java.time.Duration;
import java.util.List;
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
        List<Boolean> results = Concurrently.run(64, Duration.ofSeconds(10), i -> ledger.claim(APP, CODE));

        int wins = 0;
        for (boolean result : results) {
            if (result) {
                wins++;
            }
        }
        assertThat(wins).isEqualTo(1);
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
}
