package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client is told when WeChat says no or cannot be asked, with the simulator injecting
 * WeChat's own answers: the contract's code and status, Retry-After where the client may try again,
 * bounded retries of WeChat's "busy", and a code given back when WeChat never exchanged it.
 */
class WeChatRefusalTest {

    // A short per-call timeout, so a stalled WeChat is found out quickly; a circuit that the failures
    // of earlier tests never open (CircuitBreakerTest shows it opening).
    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=100")
            .databaseIndependent();

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void codeWeChatNeverIssuedIsInvalidCode() {
        Map<String, Long> rows = dev.service().rowCounts();

        assertProblem(dev.http().login(APP_1, "0123456789abcdefghijklmnopqrstuv"), 401, "invalid_code");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void codeOfAnotherAppIsInvalidCode() {
        String codeOfApp2 = dev.sim().code(APP_2, "refusal-other-app");

        assertProblem(dev.http().login(APP_1, codeOfApp2), 401, "invalid_code");
    }

    @Test
    void userWeChatFlagsAsRiskyIsUserBlocked() {
        dev.sim().risky(APP_1, "refusal-risky");
        Map<String, Long> rows = dev.service().rowCounts();

        assertProblem(dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-risky")), 403, "user_blocked");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void weChatBusyOnceIsRetriedAndTheLoginSucceeds() {
        dev.sim().failCode2Session(-1, 1);

        assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-busy-once")));

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(2);
    }

    @Test
    void weChatBusyThreeTimesIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(APP_1, "refusal-busy-thrice");
        dev.sim().failCode2Session(-1, 3);
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply busy = dev.http().login(APP_1, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(dev.sim().code2SessionCalls()).isEqualTo(3);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
        // WeChat never exchanged the code: the service gave it back instead of burning it.
        assertThat(assertSession(dev.http().login(APP_1, code)).get("newUser").asBoolean())
                .isTrue();
        assertThat(dev.sim().code2SessionCalls()).isEqualTo(4);
    }

    @Test
    void weChatMinuteQuotaIsRateLimitedWithRetryAfter() {
        dev.sim().failCode2Session(45011, 1);

        Http.Reply limited = dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void weChatRealMinuteQuotaIsRateLimitedWithRetryAfter() {
        assertThat(dev.sim()
                        .http()
                        .postJson("/sim/settings", "{\"minuteLimit\":1}")
                        .status())
                .isEqualTo(204);
        assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-real-quota")));

        Http.Reply limited = dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-real-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
    }

    @Test
    void gatewayErrorInFrontOfWeChatIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(APP_1, "refusal-502");
        dev.sim().failCode2SessionWithHttp(502, 1);

        Http.Reply failed = dev.http().login(APP_1, code);

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(dev.sim().code2SessionCalls()).isBetween(1L, 3L);
        assertSession(dev.http().login(APP_1, code));
    }

    @Test
    void weChatServerErrorIsUpstreamUnavailable() {
        dev.sim().failCode2SessionWithHttp(500, 3);

        Http.Reply failed = dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-500"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void stalledWeChatIsUpstreamUnavailable() {
        dev.sim().stallCode2Session(2_500, 1);

        Http.Reply failed = dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-stall"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void unexpectedWeChatErrcodeIsUpstreamUnavailable() {
        dev.sim().failCode2Session(40999, 1);

        Http.Reply failed = dev.http().login(APP_1, dev.sim().code(APP_1, "refusal-odd-errcode"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.body()).doesNotContain("rid:");
    }
}
