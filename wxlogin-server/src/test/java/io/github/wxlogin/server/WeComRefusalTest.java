package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.server.WeComSim.GETTOKEN;
import static io.github.wxlogin.server.WeComSim.JSCODE2SESSION;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every answer the simulator's WeCom can give a login, and what the client is told: WeCom's own
 * refusals (an unknown or other app's code, a token WeCom ended early), and the errcodes injected at
 * {@code /wecom/cgi-bin/gettoken} and {@code /wecom/cgi-bin/miniprogram/jscode2session}: {@code 40029},
 * {@code 40014}/{@code 42001} (one renewal of the token, then one more try), {@code 48002} and the wrong
 * corp app credentials (an operator's log line, a 503), {@code -1}, a gateway error; with Retry-After
 * where the client may try again, and the code given back when WeCom never looked at it.
 */
@ExtendWith(OutputCaptureExtension.class)
class WeComRefusalTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.wechat.request-timeout=1s", "--wxlogin.wechat.circuit-failures=100")
            .databaseIndependent();

    static final WeComSim wecom = new WeComSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
        WeComSim.forgetToken(dev.service(), WECOM_APP);
    }

    private String code(String user) {
        return dev.sim().code(WECOM_APP, user);
    }

    @Test
    void aCodeWeComNeverIssuedIsInvalidCodeAndWritesNothing() {
        Map<String, Long> rows = dev.service().rowCounts();

        Http.Reply r = dev.http().login(WECOM_APP, "0123456789abcdefghijklmnopqrstuv");

        assertProblem(r, 401, "invalid_code");
        assertThat(r.json().get("detail").asString()).startsWith("WeCom refused the code");
        assertThat(wecom.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @Test
    void aWeChatAppsCodeSentForTheCorpIsInvalidCode() {
        assertProblem(dev.http().login(WECOM_APP, dev.sim().code(APP_1, "wecom-wechat-code")), 401, "invalid_code");
    }

    @ParameterizedTest(name = "jscode2session errcode {0}")
    @ValueSource(ints = {40014, 42001})
    void aTokenRefusedOnceIsRenewedOnceAndTheLoginGoesThrough(int errcode) {
        assertSession(dev.http().login(WECOM_APP, code("warm-up")));
        wecom.fail(JSCODE2SESSION, errcode, 1);

        assertSession(dev.http().login(WECOM_APP, code("wecom-renewed-" + errcode)));

        assertThat(wecom.tokenCalls()).as("the first fetch and one renewal").isEqualTo(2);
        assertThat(wecom.code2SessionCalls()).isEqualTo(3);
    }

    @Test
    void aTokenWeComEndedEarlyIsRenewedOnceForEveryCaller() {
        assertSession(dev.http().login(WECOM_APP, code("ended-1")));
        wecom.endTokens();

        assertSession(dev.http().login(WECOM_APP, code("ended-2")));
        assertSession(dev.http().login(WECOM_APP, code("ended-3")));

        assertThat(wecom.tokenCalls()).isEqualTo(2);
        assertThat(wecom.code2SessionCalls())
                .as("one 40014, then three good answers")
                .isEqualTo(4);
    }

    @Test
    void aTokenRefusedTwiceIsTheServicesConfigurationAndNoLoop(CapturedOutput output) {
        wecom.fail(JSCODE2SESSION, 40014, 2);

        Http.Reply r = dev.http().login(WECOM_APP, code("refused-twice"));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(r.json().get("detail").asString()).contains("corp app credentials");
        assertThat(wecom.tokenCalls()).isEqualTo(2);
        assertThat(wecom.code2SessionCalls()).isEqualTo(2);
        assertThat(output.getAll()).contains("WeCom refused the corp app credentials of app " + WECOM_APP);
    }

    @ParameterizedTest(name = "{0} errcode {1}")
    @CsvSource({
        "/wecom/cgi-bin/miniprogram/jscode2session, 48002",
        "/wecom/cgi-bin/gettoken, 40001",
        "/wecom/cgi-bin/gettoken, 40013",
        "/wecom/cgi-bin/gettoken, 41004"
    })
    void theCorpAppsCredentialsRefusedAreAnOperatorsMatter(String path, int errcode, CapturedOutput output) {
        wecom.fail(path, errcode, 1);

        Http.Reply r = dev.http().login(WECOM_APP, code("misconfigured-" + errcode));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(r.json().get("detail").asString())
                .isEqualTo(
                        "WeCom refused this service's corp app credentials; the operator must check its configuration");
        assertThat(output.getAll())
                .contains("WeCom refused the corp app credentials of app " + WECOM_APP + " at " + path.substring(6)
                        + ": errcode " + errcode);
        assertThat(wecom.code2SessionCalls()).isEqualTo(path.equals(GETTOKEN) ? 0 : 1);
    }

    @Test
    void aWrongCorpSecretNeverSendsTheCodeSoItStillWorksOnceFixed() {
        wecom.fail(GETTOKEN, 40001, 1);
        String code = code("secret-fixed");
        assertProblem(dev.http().login(WECOM_APP, code), 503, "upstream_unavailable");

        assertSession(dev.http().login(WECOM_APP, code));
    }

    @Test
    void weComBusyIsRetriedWithinTheBudgetAndThenGivesTheCodeBack() {
        wecom.fail(JSCODE2SESSION, -1, 1);
        assertSession(dev.http().login(WECOM_APP, code("busy-once")));

        wecom.fail(JSCODE2SESSION, -1, 10);
        String code = code("busy-always");
        Http.Reply r = dev.http().login(WECOM_APP, code);
        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(r.json().get("detail").asString()).isEqualTo("WeCom is busy; try again shortly");
        assertThat(dev.sim().http().delete("/sim/faults").status()).isEqualTo(204);

        assertSession(dev.http().login(WECOM_APP, code));
    }

    @Test
    void aBusyGettokenIsRetriedToo() {
        wecom.fail(GETTOKEN, -1, 1);

        assertSession(dev.http().login(WECOM_APP, code("token-busy")));

        assertThat(wecom.tokenCalls()).isEqualTo(2);
    }

    @Test
    void aGatewayErrorIsUpstreamUnavailableAndTheCodeIsGivenBack() {
        wecom.failWithHttp(JSCODE2SESSION, 502, 1);
        String code = code("gateway");

        Http.Reply r = dev.http().login(WECOM_APP, code);

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertSession(dev.http().login(WECOM_APP, code));
    }
}
