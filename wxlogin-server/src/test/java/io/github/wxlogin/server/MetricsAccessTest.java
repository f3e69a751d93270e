package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Keeping {@code /actuator/prometheus} from strangers: behind the metrics credential
 * ({@code WXLOGIN_METRICS_TOKEN}), on a port of its own ({@code management.server.port}), or both.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsAccessTest {

    static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();
    static final String METRICS = "/actuator/prometheus";

    @TempDir
    Path dataDir;

    @BeforeEach
    void onceIsEnough() {
        TestDatabase.onlyInTheEmbeddedSuite("database-independent");
    }

    private TestService start(Map<String, String> environment, String... args) {
        return TestService.start(dataDir, TestPorts.free(), environment, true, args);
    }

    @Test
    void withTheCredentialSetTheMetricsAreServedOnlyToItsHolder(CapturedOutput output) {
        try (TestService service = start(Map.of("WXLOGIN_METRICS_TOKEN", METRICS_TOKEN))) {
            Http http = service.http();
            String wrong = "not-the-metrics-token-" + UUID.randomUUID();

            Http.Reply bare = http.get(METRICS);
            assertThat(assertProblem(bare, 401, "invalid_token").get("detail").asString())
                    .isEqualTo("the metrics credential is missing or wrong");
            assertThat(bare.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
            assertProblem(http.get(METRICS, "Authorization", "Bearer " + wrong), 401, "invalid_token");
            assertProblem(http.get(METRICS, "Authorization", "Basic " + METRICS_TOKEN), 401, "invalid_token");
            assertProblem(http.get(METRICS + "?access_token=" + METRICS_TOKEN), 401, "invalid_token");
            // Other spellings of the same path that Spring would route to the endpoint are guarded too.
            for (String path : List.of(METRICS + "/", "/actuator;x=1/prometheus", "/actuator/%70rometheus")) {
                Http.Reply reply = http.raw("GET", path, List.of("Accept: */*"), null);
                assertThat(reply.status()).as("%s: %s", path, reply).isNotEqualTo(200);
                assertThat(reply.body()).as(path).doesNotContain("wxlogin_");
            }

            Http.Reply served = http.get(METRICS, "Authorization", "bearer " + METRICS_TOKEN);
            assertThat(served.status()).as("%s", served).isEqualTo(200);
            assertThat(served.body()).contains("wxlogin_errors_total{code=\"invalid_token\"}");

            assertThat(http.get("/actuator/health").status())
                    .as("the probes need no credential")
                    .isEqualTo(200);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(output.getAll()).doesNotContain(METRICS_TOKEN).doesNotContain(wrong);
        }
    }

    @Test
    void onTheManagementPortTheMetricsAreNotServedOnTheServicesPort() {
        int management = TestPorts.free();
        try (TestService service = start(
                Map.of(),
                "--management.server.port=" + management,
                "--management.endpoint.health.probes.add-additional-paths=true")) {
            Http managementPort = new Http(URI.create("http://localhost:" + management));

            assertProblem(service.http().get(METRICS), 404, "not_found");
            Http.Reply served = managementPort.get(METRICS);
            assertThat(served.status()).as("%s", served).isEqualTo(200);
            assertThat(served.body()).contains("wxlogin_errors_total");

            assertThat(managementPort.get("/actuator/health/readiness").status())
                    .isEqualTo(200);
            assertThat(service.http().get("/readyz").status())
                    .as("the probes' additional paths stay on the service's port")
                    .isEqualTo(200);
            assertThat(service.http().get("/livez").status()).isEqualTo(200);
        }
    }

    @Test
    void onTheManagementPortTheCredentialIsAskedForThere() {
        int management = TestPorts.free();
        try (TestService service =
                start(Map.of("WXLOGIN_METRICS_TOKEN", METRICS_TOKEN), "--management.server.port=" + management)) {
            Http managementPort = new Http(URI.create("http://localhost:" + management));

            Http.Reply refused = managementPort.get(METRICS);
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
            assertThat(refused.contentType()).startsWith(Contract.PROBLEM_JSON);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_token");
            assertThat(refused.body()).doesNotContain("wxlogin_");

            assertThat(managementPort
                            .get(METRICS, "Authorization", "Bearer " + METRICS_TOKEN)
                            .status())
                    .isEqualTo(200);
            assertProblem(service.http().get(METRICS, "Authorization", "Bearer " + METRICS_TOKEN), 404, "not_found");
        }
    }
}
