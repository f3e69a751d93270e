package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corp app's access token over its life, on a test clock of the service, the simulator's moved along with it:
 * fetched once, asked again within {@code renew-token-ahead} of its expiry (WeCom hands back the live
 * token then, and the service uses it to its end rather than asking on every call), and renewed once
 * when it has expired. The clock starts three hours behind, so nothing the service answers lies in the
 * future of the test's own clock.
 */
class WeComTokenExpiryTest {

    private static final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(3)));

    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.dev(clock, "--wxlogin.rate-limit.per-ip=0").databaseIndependent();

    /** Moves the service's clock and the simulator's (which runs on the system clock plus an offset). */
    private static void advance(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        Http.Reply r = dev.sim().http().postJson("/sim/clock", "{\"advanceSeconds\":" + seconds + "}");
        assertThat(r.status()).as("%s", r).isIn(200, 204);
    }

    @Test
    void theTokenIsFetchedOnceAskedAgainNearItsEndAndRenewedOnceWhenItExpired() {
        WeComSim wecom = new WeComSim(dev::sim);
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-1")));
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-2")));
        assertThat(wecom.tokenCalls()).isEqualTo(1);

        advance(7200 - 120);
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-3")));
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-4")));
        assertThat(wecom.tokenCalls())
                .as("asked once within renew-ahead; the same token came back")
                .isEqualTo(2);

        advance(121);
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-5")));
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "expiry-6")));

        assertThat(wecom.tokenCalls()).as("one renewal once it expired").isEqualTo(3);
        assertThat(wecom.code2SessionCalls()).as("no call met a refused token").isEqualTo(6);
    }
}
