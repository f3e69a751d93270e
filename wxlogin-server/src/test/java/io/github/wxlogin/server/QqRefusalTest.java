package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
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
 * Every answer the simulator's QQ can give a code exchange, and what the client is told: QQ's own
 * refusals (an unknown, spent or other app's code; the per-user minute limit), the errcodes injected
 * at {@code /qq/sns/jscode2session} (QQ's documented {@code -1}, {@code 40029}, {@code 45011}, and the
 * undocumented ones a misconfigured service meets), a gateway error and a stall; with Retry-After where
 * the client may try again, and the code given back when QQ never exchanged it.
 */
@ExtendWith(OutputCaptureExtension.class)
class QqRefusalTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=100")
            .databaseIndependent();

    static final QqSim qq = new QqSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void aCodeQqNeverIssuedIsInvalidCodeAndWritesNothing() {
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = dev.http().login(QQ_APP_1, "0123456789abcdefghijklmnopqrstuv");

        assertProblem(r, 401, "invalid_code");
        assertThat(r.json().get("detail").asString()).startsWith("QQ refused the code");
        assertThat(qq.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void aCodeOfTheOtherQqAppIsInvalidCode() {
        assertProblem(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_2, "qq-other-app")), 401, "invalid_code");
    }

    @Test
    void qqsRealMinuteLimitIsRateLimitedWithRetryAfter() {
        assertThat(dev.sim()
                        .http()
                        .postJson("/sim/settings", "{\"minuteLimit\":1}")
                        .status())
                .isEqualTo(204);
        assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-real-quota")));

        Http.Reply limited = dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-real-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
    }

    @Test
    void injected45011IsRateLimitedWithRetryAfter() {
        qq.fail(45011, 1);

        Http.Reply limited = dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-quota"));

        assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
        assertThat(qq.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void injected40029IsInvalidCode() {
        qq.fail(40029, 1);

        assertProblem(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-40029")), 401, "invalid_code");
    }

    @Test
    void qqBusyOnceIsRetriedAndTheLoginSucceeds() {
        qq.fail(-1, 1);

        assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-busy-once")));

        assertThat(qq.code2SessionCalls()).isEqualTo(2);
    }

    @Test
    void qqBusyOnEveryTryIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(QQ_APP_1, "qq-busy-thrice");
        qq.fail(-1, 3);
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply busy = dev.http().login(QQ_APP_1, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(busy.json().get("detail").asString()).isEqualTo("QQ is busy; try again shortly");
        assertThat(qq.code2SessionCalls()).isEqualTo(3);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
        assertThat(assertSession(dev.http().login(QQ_APP_1, code))
                        .get("newUser")
                        .asBoolean())
                .isTrue();
        assertThat(qq.code2SessionCalls()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {40013, 40125, 40163, 40226, 41002, 12345})
    void anErrcodeQqDoesNotDocumentIsUpstreamUnavailableAndAnOperatorsLogLine(int errcode, CapturedOutput output) {
        qq.fail(errcode, 1);

        Http.Reply failed = dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-undocumented-" + errcode));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.body()).doesNotContain("rid:").doesNotContain(Integer.toString(errcode));
        assertThat(output.getAll())
                .contains("QQ refused the login request of app " + QQ_APP_1 + ": errcode " + errcode)
                .doesNotContain(dev.service()
                        .bean(Apps.class)
                        .find(QQ_APP_1)
                        .orElseThrow()
                        .secret());
    }

    @Test
    void aGatewayErrorInFrontOfQqIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(QQ_APP_1, "qq-502");
        qq.failWithHttp(502, 1);

        Http.Reply failed = dev.http().login(QQ_APP_1, code);

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.json().get("detail").asString()).isEqualTo("QQ could not be reached; try again shortly");
        assertSession(dev.http().login(QQ_APP_1, code));
    }

    @Test
    void aStalledQqIsUpstreamUnavailable() {
        qq.stall(2_500, 1);

        Http.Reply failed = dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-stall"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }

    @Test
    void qqHasNoRiskControlAnswerSoAFlaggedUserLogsIn() {
        dev.sim().risky(QQ_APP_1, "qq-risky");

        assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-risky")));
    }
}
