package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
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
 * Every answer the simulator's Baidu can give a code exchange, and what the client is told: Baidu's own
 * refusals (an unknown, spent or expired code is {@code invalid_grant}), each errno of the simulator's
 * Baidu table injected at {@code /baidu/oauth/jscode2sessionkey} ({@code 10010100} parameter is invalid,
 * {@code 10010101} invalid_grant, {@code 10010102} invalid_client, {@code 10010103}
 * temporarily_unavailable, and an errno outside it, answered {@code server_error}), a gateway error and a
 * stall; with Retry-After where the client may try again, and the code given back when Baidu never
 * exchanged it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BaiduRefusalTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=100")
            .databaseIndependent();

    static final BaiduSim baidu = new BaiduSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    private String secret() {
        return dev.service().bean(Apps.class).find(BAIDU_APP).orElseThrow().secret();
    }

    @Test
    void aCodeBaiduNeverIssuedIsInvalidCodeAndWritesNothing() {
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = dev.http().login(BAIDU_APP, "0123456789abcdef0123456789abcdefNW");

        assertProblem(r, 401, "invalid_code");
        assertThat(r.json().get("detail").asString()).startsWith("Baidu refused the code");
        assertThat(baidu.calls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void injectedInvalidGrantIsInvalidCode() {
        baidu.fail(10010101, 1);

        assertProblem(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-grant")), 401, "invalid_code");
    }

    @ParameterizedTest
    @ValueSource(ints = {10010100, 10010102})
    void aRefusalOfTheServicesCredentialsIsUpstreamUnavailableAndAnOperatorsLogLine(int errno, CapturedOutput output) {
        baidu.fail(errno, 1);

        Http.Reply failed = dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-config-" + errno));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.json().get("detail").asString()).contains("operator");
        assertThat(failed.body()).doesNotContain(Integer.toString(errno));
        assertThat(output.getAll())
                .contains("Baidu refused the login request of app " + BAIDU_APP + ": errno " + errno)
                .doesNotContain(secret());
    }

    @Test
    void baiduBusyOnceIsRetriedAndTheLoginSucceeds() {
        baidu.fail(10010103, 1);

        assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-busy-once")));

        assertThat(baidu.calls()).isEqualTo(2);
    }

    @Test
    void anErrnoOutsideTheTableIsServerErrorAndRetriedLikeBusy() {
        baidu.fail(12345, 1);

        assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-server-error")));

        assertThat(baidu.calls()).isEqualTo(2);
    }

    @Test
    void baiduBusyOnEveryTryIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(BAIDU_APP, "bd-busy-thrice");
        baidu.fail(10010103, 3);
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply busy = dev.http().login(BAIDU_APP, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(busy.json().get("detail").asString()).isEqualTo("Baidu is busy; try again shortly");
        assertThat(baidu.calls()).isEqualTo(3);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
        assertThat(assertSession(dev.http().login(BAIDU_APP, code))
                        .get("newUser")
                        .asBoolean())
                .isTrue();
        assertThat(baidu.calls()).isEqualTo(4);
    }

    @Test
    void aGatewayErrorInFrontOfBaiduIsUpstreamUnavailableAndTheCodeCanBeSentAgain() {
        String code = dev.sim().code(BAIDU_APP, "bd-502");
        baidu.failWithHttp(502, 1);

        Http.Reply failed = dev.http().login(BAIDU_APP, code);

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
        assertThat(failed.json().get("detail").asString()).isEqualTo("Baidu could not be reached; try again shortly");
        assertSession(dev.http().login(BAIDU_APP, code));
    }

    @Test
    void aStalledBaiduIsUpstreamUnavailable() {
        baidu.stall(2_500, 1);

        Http.Reply failed = dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-stall"));

        assertProblem(failed, 503, "upstream_unavailable");
        assertRetryAfter(failed);
    }
}
