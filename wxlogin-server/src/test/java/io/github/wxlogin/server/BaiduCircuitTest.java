package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Baidu failing again and again opens Baidu's own circuit: Baidu logins are refused at once without a
 * call to Baidu, WeChat logins go on (the metrics show Baidu's circuit open and WeChat's closed), and
 * after the cool-down a trial call finds Baidu back. On a test clock (an hour
 * behind, as {@link CircuitBreakerTest} explains), so the circuit stays open however slow the machine.
 */
class BaiduCircuitTest {

    private static final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    clock,
                    "--wxlogin.wechat.circuit-failures=2",
                    "--wxlogin.wechat.circuit-cool-down=5s",
                    "--wxlogin.rate-limit.per-ip=0")
            .databaseIndependent();

    @Test
    void baiduFailingOpensBaidusOwnCircuitAndWeChatLoginsGoOn() {
        BaiduSim baidu = new BaiduSim(dev::sim);
        baidu.failWithHttp(502, 2);
        for (int i = 0; i < 2; i++) {
            assertProblem(
                    dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-circuit-" + i)),
                    503,
                    "upstream_unavailable");
        }
        long calls = baidu.calls();
        String code = dev.sim().code(BAIDU_APP, "bd-circuit-waiting");

        Http.Reply refused = dev.http().login(BAIDU_APP, code);

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(baidu.calls()).as("an open circuit does not call Baidu").isEqualTo(calls);
        assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "wechat-meanwhile")));
        // Baidu's circuit is in the metrics beside WeChat's.
        assertThat(dev.http().get("/actuator/prometheus").body())
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/oauth/jscode2sessionkey\",platform=\"baidu\",state=\"open\"} 1.0")
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/sns/jscode2session\",platform=\"wechat\",state=\"closed\"} 1.0");
        // The refused code was never sent: once the circuit lets a trial call through, it logs in.
        clock.advance(Duration.ofSeconds(6));
        assertSession(dev.http().login(BAIDU_APP, code));
    }
}
