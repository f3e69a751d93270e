package io.github.wxlogin.core.login;

import io.github.wxlogin.core.testing.FakeTicker;
import java.time.Duration;

/** {@link CodeLedgerContract} on {@link InMemoryCodeLedger}, its time kept by a {@link FakeTicker}. */
class InMemoryCodeLedgerContractTest extends CodeLedgerContract {

    private final FakeTicker ticker = new FakeTicker();

    @Override
    protected CodeLedger newLedger() {
        return new InMemoryCodeLedger(10_000, ticker);
    }

    @Override
    protected void elapse(Duration d) {
        ticker.advance(d);
    }
}
