package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kuaishou failing again and again opens Kuaishou's own circuit: Kuaishou logins are refused at once
 * without a call to Kuaishou, WeChat and QQ logins go on (the metrics show Kuaishou's circuit open), and after the cool-down a trial call finds
 * Kuaishou back. Its internal error, retried until the tries are spent, counts as a failure as an
 * unreachable Kuaishou does. On a test clock (an hour behind, as {@link CircuitBreakerTest} explains).
 */
class KuaishouCircuitTest {

    private static final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    clock,
                    "--wxlogin.wechat.circuit-failures=2",
                    "--wxlogin.wechat.circuit-cool-down=5s",
                    "--wxlogin.wechat.max-attempts=1",
                    "--wxlogin.rate-limit.per-ip=0")
            .databaseIndependent();

    @Test
    void kuaishouFailingOpensKuaishousOwnCircuitAndOtherPlatformsLoginsGoOn() {
        KuaishouSim kuaishou = new KuaishouSim(dev::sim);
        kuaishou.failWithHttp(502, 1);
        kuaishou.fail(100200500, 1);
        for (int i = 0; i < 2; i++) {
            assertProblem(
                    dev.http().login(KUAISHOU_APP, dev.sim().code(KUAISHOU_APP, "ks-circuit-" + i)),
                    503,
                    "upstream_unavailable");
        }
        long calls = kuaishou.code2SessionCalls();
        String code = dev.sim().code(KUAISHOU_APP, "ks-circuit-waiting");

        Http.Reply refused = dev.http().login(KUAISHOU_APP, code);

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(kuaishou.code2SessionCalls())
                .as("an open circuit does not call Kuaishou")
                .isEqualTo(calls);
        assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "wechat-meanwhile")));
        assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-meanwhile")));
        assertThat(dev.http().get("/actuator/prometheus").body())
                .contains("resilience4j_circuitbreaker_state{name=\"/oauth2/mp/code2session\",platform=\"kuaishou\","
                        + "state=\"open\"} 1.0");
        // The refused code was never sent: once the circuit lets a trial call through, it logs in.
        clock.advance(Duration.ofSeconds(6));
        assertSession(dev.http().login(KUAISHOU_APP, code));
    }
}
