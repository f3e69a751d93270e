package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What an operator sees: logins and refreshes by app and result, errors by code, live sessions and
 * the WeChat circuits at /actuator/prometheus; a trace id in every problem answer that finds the
 * request's log lines. (JSON logs: {@link JsonLogsTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.dev("--wxlogin.rate-limit.per-ip=0").databaseIndependent();

    @Test
    void loginsAndRefreshesAreCountedByAppAndResult() {
        Tokens tokens = dev.service().login(APP_1, "counted");
        dev.service().refresh(tokens);
        dev.http().login(APP_1, "never-issued");
        dev.http().refresh("A".repeat(43));
        dev.http().login("wx9999999999999999", "whatever");

        String metrics = dev.http().get("/actuator/prometheus").body();

        assertThat(count(metrics, "wxlogin_logins_total{app=\"" + APP_1 + "\",result=\"ok\"}"))
                .isPositive();
        assertThat(count(metrics, "wxlogin_logins_total{app=\"" + APP_1 + "\",result=\"invalid_code\"}"))
                .isPositive();
        assertThat(count(metrics, "wxlogin_logins_total{app=\"unknown\",result=\"unknown_app\"}"))
                .as("an appid nobody configured never becomes a tag of its own")
                .isPositive();
        assertThat(metrics).doesNotContain("wx9999999999999999");
        assertThat(count(metrics, "wxlogin_refreshes_total{app=\"" + APP_1 + "\",result=\"ok\"}"))
                .isPositive();
        assertThat(count(metrics, "wxlogin_refreshes_total{app=\"unknown\",result=\"invalid_token\"}"))
                .isPositive();
        assertThat(count(metrics, "wxlogin_errors_total{code=\"invalid_code\"}"))
                .isPositive();
        assertThat(metrics).containsPattern("wxlogin_sessions_live [1-9]");
        assertThat(metrics)
                .contains(
                        "resilience4j_circuitbreaker_state{name=\"/sns/jscode2session\",platform=\"wechat\",state=\"closed\"} 1.0");
        assertThat(metrics).contains("wxlogin_wechat_calls_seconds_bucket{api=\"/sns/jscode2session\",outcome=\"0\"");
        assertThat(metrics)
                .as("every request is timed by route and status, with the histogram operations.md reads")
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/v1/auth/login\"");
        assertThat(metrics)
                .as("no long-task timer is started per request (docs/benchmarks.md)")
                .doesNotContain("http_server_requests_active");
    }

    @Test
    void everyProblemCarriesATraceIdThatFindsItsLogLines(CapturedOutput output) {
        Http.Reply refused = dev.http().login(APP_1, "never-issued-either");

        JsonNode problem = assertProblem(refused, 401, "invalid_code");
        String traceId = problem.get("traceId").asString();
        assertThat(traceId).matches(TRACE_ID);
        assertThat(refused.header("X-Trace-Id")).contains(traceId);
        assertThat(output.getAll()).containsPattern("\\[" + traceId + "].*Login refused by WeChat: errcode 40029");
    }

    @Test
    void aTraceIdFromTheCallersTraceparentIsKept() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Http.Reply reply = dev.http().get("/v1/me", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(assertProblem(reply, 401, "invalid_token").get("traceId").asString())
                .isEqualTo(traceId);
        // Malformed or all-zero trace ids are not taken over.
        assertThat(dev.http()
                        .get("/v1/me", "traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")
                        .json()
                        .get("traceId")
                        .asString())
                .matches(TRACE_ID)
                .isNotEqualTo("0".repeat(32));
        assertThat(dev.http()
                        .get("/v1/me", "traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01 garbage")
                        .json()
                        .get("traceId")
                        .asString())
                .matches(TRACE_ID);
    }

    @Test
    void problemsOutsideSpringMvcCarryATraceIdToo() {
        assertThat(dev.http().get("/no/such/path").json().get("traceId").asString())
                .matches(TRACE_ID);
        assertThat(dev.http()
                        .call("POST", "/v1/auth/login", "text/plain", "x")
                        .json()
                        .get("traceId")
                        .asString())
                .matches(TRACE_ID);
    }

    private static long count(String metrics, String series) {
        Matcher m = Pattern.compile(Pattern.quote(series) + " (\\d+)").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
