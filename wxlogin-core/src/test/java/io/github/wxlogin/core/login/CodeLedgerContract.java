package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link CodeLedger}. Each backend's test extends this class and says how to make a
 * fresh, empty ledger and how to let time pass for it, so every backend answers the same tests.
 */
public abstract class CodeLedgerContract {

    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final String CODE = "0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p";
    private static final int THREADS = 16;

    private CodeLedger ledger;

    /** A new, empty ledger; called before each test. */
    protected abstract CodeLedger newLedger();

    /** Lets {@code d} pass for the ledger last made, as far as remembering codes goes. */
    protected abstract void elapse(Duration d);

    @BeforeEach
    void freshLedger() {
        ledger = newLedger();
    }

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
    void ofConcurrentClaimsOfOneCodeExactlyOneWins() throws Exception {
        List<Boolean> results = Concurrently.run(THREADS, Duration.ofSeconds(30), i -> ledger.claim(APP, CODE));

        assertThat(results).filteredOn(won -> won).hasSize(1);
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
    void releasingACodeNeverClaimedChangesNothing() {
        ledger.release(APP, CODE);

        assertThat(ledger.claim(APP, CODE)).isTrue();
        assertThat(ledger.claim(APP, CODE)).isFalse();
    }

    @Test
    void aClaimIsRememberedForTenMinutesAndThenForgotten() {
        ledger.claim(APP, CODE);

        elapse(InMemoryCodeLedger.REMEMBER.minusSeconds(30));
        assertThat(ledger.claim(APP, CODE)).as("30 seconds before").isFalse();

        elapse(Duration.ofSeconds(60));
        assertThat(ledger.claim(APP, CODE)).as("30 seconds after").isTrue();
    }

    @Test
    void aRefusedClaimDoesNotExtendHowLongTheCodeIsRemembered() {
        ledger.claim(APP, CODE);
        elapse(Duration.ofMinutes(9));
        ledger.claim(APP, CODE);

        elapse(Duration.ofMinutes(2));

        assertThat(ledger.claim(APP, CODE)).isTrue();
    }
}
