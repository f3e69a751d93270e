package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.Apps;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every answer the simulator's Kuaishou can give a code exchange, and what the client is told: its own
 * refusals (an unknown, spent or other app's code), the {@code result} codes injected at
 * {@code /kuaishou/oauth2/mp/code2session} (the code error, the internal error retried, the rate limit,
 * the service's own credentials or request refused, one Kuaishou does not document), a gateway error
 * and a stall; with Retry-After where the client may try again, and the code given back when Kuaishou
 * never exchanged it.
 */
@ExtendWith(OutputCaptureExtension.class)
class KuaishouRefusalTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=100")
            .databaseIndependent();

    static final KuaishouSim kuaishou = new KuaishouSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    private static String code(String user) {
        return dev.sim().code(KUAISHOU_APP, user);
    }

    @Test
    void aCodeKuaishouNeverIssuedIsInvalidCodeAndWritesNothing() {
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = dev.http().login(KUAISHOU_APP, "0F937BAD25DD870B0C5DAFCACE199093");

        assertProblem(r, 401, "invalid_code");
        assertThat(r.json().get("detail").asString()).startsWith("Kuaishou refused the code");
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void aCodeOfAWeChatAppSentForTheKuaishouAppIsInvalidCode() {
        assertProblem(dev.http().login(KUAISHOU_APP, dev.sim().code(APP_1, "ks-other-app")), 401, "invalid_code");
    }

    @ParameterizedTest
    @ValueSource(ints = {100200105, 240001})
    void injectedCodeErrorsAreInvalidCode(int result) {
        kuaishou.fail(result, 1);

        assertProblem(dev.http().login(KUAISHOU_APP, code("ks-code-" + result)), 401, "invalid_code");
    }

    @Test
    void kuaishousRateLimitIsRateLimitedWithRetryAfter() {
        kuaishou.fail(400002, 1);

        Http.Reply limited = dev.http().login(KUAISHOU_APP, code("ks-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
        assertThat(limited.header("Retry-After")).hasValue("60");
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void kuaishouBusyOnceIsRetriedAndTheLoginSucceeds() {
        kuaishou.fail(100200500, 1);

        assertSession(dev.http().login(KUAISHOU_APP, code("ks-busy-once")));

        assertThat(kuaishou.code2SessionCalls()).isEqualTo(2);
    }

    @Test
    void kuaishouBusyOnEveryTryIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = code("ks-busy-thrice");
        kuaishou.fail(100200500, 3);
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply busy = dev.http().login(KUAISHOU_APP, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(busy.json().get("detail").asString()).isEqualTo("Kuaishou is busy; try again shortly");
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(3);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
        assertThat(assertSession(dev.http().login(KUAISHOU_APP, code))
                        .get("newUser")
                        .asBoolean())
                .isTrue();
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {100200100, 100200101, 100, 240002, 12345})
    void theServicesCredentialsOrRequestRefusedIsUpstreamUnavailableAndAnOperatorsLogLine(
            int result, CapturedOutput output) {
        kuaishou.fail(result, 1);

        Http.Reply failed = dev.http().login(KUAISHOU_APP, code("ks-misconfigured-" + result));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.body()).doesNotContain(Integer.toString(result));
        assertThat(output.getAll())
                .contains("Kuaishou refused the login request of app " + KUAISHOU_APP + ": result " + result)
                .doesNotContain(dev.service()
                        .bean(Apps.class)
                        .find(KUAISHOU_APP)
                        .orElseThrow()
                        .secret());
    }

    @Test
    void aGatewayErrorInFrontOfKuaishouIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = code("ks-502");
        kuaishou.failWithHttp(502, 1);

        Http.Reply failed = dev.http().login(KUAISHOU_APP, code);

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.json().get("detail").asString())
                .isEqualTo("Kuaishou could not be reached; try again shortly");
        assertSession(dev.http().login(KUAISHOU_APP, code));
    }

    @Test
    void aStalledKuaishouIsUpstreamUnavailable() {
        kuaishou.stall(2_500, 1);

        Http.Reply failed = dev.http().login(KUAISHOU_APP, code("ks-stall"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void kuaishouHasNoRiskControlAnswerSoAFlaggedUserLogsIn() {
        dev.sim().risky(KUAISHOU_APP, "ks-risky");

        assertSession(dev.http().login(KUAISHOU_APP, code("ks-risky")));
    }
}
