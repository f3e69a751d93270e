package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WeChat failing again and again: after three failed calls in a row the circuit opens and logins are
 * answered 503 with Retry-After at once, without a call to WeChat, until a trial call after the
 * cool-down finds it back. Against the simulator's fault injection, over real HTTP. The service runs on
 * a test clock, so an open circuit stays open however slow the machine, until the test moves the clock
 * past the cool-down.
 */
class CircuitBreakerTest {

    /** The circuit's 5 s cool-down and a second: Resilience4j lets a trial call through strictly after it. */
    private static final Duration PAST_COOL_DOWN = Duration.ofSeconds(6);

    // An hour behind: moved on by a few cool-downs, it still never reads later than the real time the
    // contract checks a createdAt against.
    private static final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    clock,
                    "--wxlogin.wechat.circuit-failures=3",
                    "--wxlogin.wechat.circuit-cool-down=5s",
                    "--wxlogin.wechat.request-timeout=700ms",
                    "--wxlogin.rate-limit.per-ip=0")
            .databaseIndependent();

    @BeforeEach
    void recoverAndReset() {
        awaitClosed();
        dev.sim().reset();
    }

    @Test
    void failuresInARowOpenTheCircuitAndLoginsAreRefusedWithoutCallingWeChat() {
        dev.sim().failCode2SessionWithHttp(502, 3);
        for (int i = 0; i < 3; i++) {
            assertProblem(dev.http().login(APP_1, dev.sim().code(APP_1, "circuit-" + i)), 503, "upstream_unavailable");
        }
        long calls = dev.sim().code2SessionCalls();
        String code = dev.sim().code(APP_1, "circuit-waiting");

        Http.Reply refused = dev.http().login(APP_1, code);

        assertProblem(refused, 503, "upstream_unavailable");
        assertRetryAfter(refused);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 5L);
        assertThat(dev.sim().code2SessionCalls())
                .as("an open circuit does not call WeChat")
                .isEqualTo(calls);
        assertThat(dev.http().get("/actuator/prometheus").body())
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/sns/jscode2session\",platform=\"wechat\",state=\"open\"} 1.0");

        // The refused code was never sent: once the circuit lets a trial call through, it logs in.
        clock.advance(PAST_COOL_DOWN);
        assertThat(dev.http().login(APP_1, code).status()).isEqualTo(200);
        assertThat(dev.http().get("/actuator/prometheus").body())
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/sns/jscode2session\",platform=\"wechat\",state=\"closed\"} 1.0");
    }

    @Test
    void aStalledWeChatIsCutOffByTheTimeoutAndThenNotWaitedForAtAll() throws Exception {
        dev.sim().stallCode2Session(5_000, 3);
        List<Http.Reply> stalled =
                Concurrently.run(3, i -> dev.http().login(APP_1, dev.sim().code(APP_1, "stall-" + i)));
        assertThat(stalled).allSatisfy(r -> assertProblem(r, 503, "upstream_unavailable"));

        List<Http.Reply> fast =
                Concurrently.run(20, i -> dev.http().login(APP_1, dev.sim().code(APP_1, "fast-" + i)));

        assertThat(fast).allSatisfy(r -> {
            assertProblem(r, 503, "upstream_unavailable");
            assertRetryAfter(r);
        });
        assertThat(dev.sim().code2SessionCalls())
                .as("only the three stalled calls reached WeChat")
                .isEqualTo(3);
    }

    @Test
    void refusalsOfCodesByWeChatAreAnswersAndNeverOpenTheCircuit() {
        for (int i = 0; i < 6; i++) {
            assertProblem(dev.http().login(APP_1, "never-issued-code-" + i), 401, "invalid_code");
        }
        assertThat(dev.http()
                        .login(APP_1, dev.sim().code(APP_1, "after-refusals"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void phoneNumbersHaveTheirOwnCircuit() {
        Tokens tokens = dev.service().login(APP_1, "own-circuit");
        dev.sim().fault(Map.of("path", "/wxa/business/getuserphonenumber", "httpStatus", 502, "count", 3));
        for (int i = 0; i < 3; i++) {
            String code = phoneCode("own-circuit");
            assertProblem(
                    dev.http().withBearer("POST", "/v1/me/phone", tokens.access(), "{\"code\":\"" + code + "\"}"),
                    503,
                    "upstream_unavailable");
        }
        assertProblem(
                dev.http()
                        .withBearer(
                                "POST",
                                "/v1/me/phone",
                                tokens.access(),
                                "{\"code\":\"" + phoneCode("own-circuit") + "\"}"),
                503,
                "upstream_unavailable");

        assertThat(dev.http()
                        .login(APP_1, dev.sim().code(APP_1, "others-log-in"))
                        .status())
                .as("logins go on while phone numbers cannot be fetched")
                .isEqualTo(200);
    }

    private static String phoneCode(String user) {
        return dev.sim()
                .http()
                .postJson("/sim/phone-code", Map.of("appId", APP_1, "user", user))
                .json()
                .get("code")
                .asString();
    }

    /** Lets a circuit opened by an earlier test close: past the cool-down, a trial login gets through. */
    private static void awaitClosed() {
        dev.sim().reset();
        clock.advance(PAST_COOL_DOWN);
        dev.http().login(APP_1, dev.sim().code(APP_1, "closer"));
        assertThat(dev.http().get("/actuator/prometheus").body())
                .as("the login circuit is closed again")
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/sns/jscode2session\",platform=\"wechat\",state=\"closed\"} 1.0");
    }
}
