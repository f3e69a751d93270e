package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client is told when WeChat says no or cannot be asked, with the simulator injecting
 * WeChat's own answers: the contract's code and status, Retry-After where the client may try again,
 * bounded retries of WeChat's "busy", and a code given back when WeChat never exchanged it.
 */
class WeChatRefusalTest {

    @TempDir
    static Path dataDir;
    static TestService service;
    static Http http;
    static Sim sim;

    @BeforeAll
    static void start() {
        // A short per-call timeout, so a stalled WeChat is found out quickly.
        service = TestService.dev(dataDir, "--wxlogin.wechat.request-timeout=1s");
        http = service.http();
        sim = service.sim();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void resetSimulator() {
        sim.reset();
    }

    @Test
    void codeWeChatNeverIssuedIsInvalidCode() {
        Map<String, Long> rows = service.rowCounts();

        assertProblem(http.login(APP_1, "0123456789abcdefghijklmnopqrstuv"), 401, "invalid_code");

        assertThat(sim.code2SessionCalls()).isEqualTo(1);
        assertThat(service.rowCounts()).isEqualTo(rows);
    }

    @Test
    void codeOfAnotherAppIsInvalidCode() {
        String codeOfApp2 = sim.code(APP_2, "refusal-other-app");

        assertProblem(http.login(APP_1, codeOfApp2), 401, "invalid_code");
    }

    @Test
    void userWeChatFlagsAsRiskyIsUserBlocked() {
        sim.risky(APP_1, "refusal-risky");
        Map<String, Long> rows = service.rowCounts();

        assertProblem(http.login(APP_1, sim.code(APP_1, "refusal-risky")), 403, "user_blocked");

        assertThat(sim.code2SessionCalls()).isEqualTo(1);
        assertThat(service.rowCounts()).isEqualTo(rows);
    }

    @Test
    void weChatBusyOnceIsRetriedAndTheLoginSucceeds() {
        sim.failCode2Session(-1, 1);

        assertSession(http.login(APP_1, sim.code(APP_1, "refusal-busy-once")));

        assertThat(sim.code2SessionCalls()).isEqualTo(2);
    }

    @Test
    void weChatBusyThreeTimesIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = sim.code(APP_1, "refusal-busy-thrice");
        sim.failCode2Session(-1, 3);
        Map<String, Long> rows = service.rowCounts();

        Http.Reply busy = http.login(APP_1, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(sim.code2SessionCalls()).isEqualTo(3);
        assertThat(service.rowCounts()).isEqualTo(rows);
        // WeChat never exchanged the code: the service gave it back instead of burning it.
        assertThat(assertSession(http.login(APP_1, code)).get("newUser").asBoolean()).isTrue();
        assertThat(sim.code2SessionCalls()).isEqualTo(4);
    }

    @Test
    void weChatMinuteQuotaIsRateLimitedWithRetryAfter() {
        sim.failCode2Session(45011, 1);

        Http.Reply limited = http.login(APP_1, sim.code(APP_1, "refusal-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void weChatRealMinuteQuotaIsRateLimitedWithRetryAfter() {
        assertThat(sim.http().postJson("/sim/settings", "{\"minuteLimit\":1}").status()).isEqualTo(204);
        assertSession(http.login(APP_1, sim.code(APP_1, "refusal-real-quota")));

        Http.Reply limited = http.login(APP_1, sim.code(APP_1, "refusal-real-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
    }

    @Test
    void gatewayErrorInFrontOfWeChatIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = sim.code(APP_1, "refusal-502");
        sim.failCode2SessionWithHttp(502, 1);

        Http.Reply failed = http.login(APP_1, code);

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(sim.code2SessionCalls()).isBetween(1L, 3L);
        assertSession(http.login(APP_1, code));
    }

    @Test
    void weChatServerErrorIsUpstreamUnavailable() {
        sim.failCode2SessionWithHttp(500, 3);

        Http.Reply failed = http.login(APP_1, sim.code(APP_1, "refusal-500"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void stalledWeChatIsUpstreamUnavailable() {
        sim.stallCode2Session(2_500, 1);

        Http.Reply failed = http.login(APP_1, sim.code(APP_1, "refusal-stall"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void unexpectedWeChatErrcodeIsUpstreamUnavailable() {
        sim.failCode2Session(40999, 1);

        Http.Reply failed = http.login(APP_1, sim.code(APP_1, "refusal-odd-errcode"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.body()).doesNotContain("rid:");
    }
}
