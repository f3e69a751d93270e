package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code WXLOGIN_LOG_FORMAT=ecs}: one JSON object per log line, the request's trace id a field of it.
 * Logging is set up once per JVM, so the service runs in a JVM of its own, configured through its
 * real environment.
 */
class JsonLogsTest {

    @TempDir
    Path dir;

    @Test
    void logLinesAreJsonObjectsCarryingTheTraceId() throws Exception {
        TestDatabase.onlyInTheEmbeddedSuite(
                "the child JVM runs on its embedded database whatever the suite's database is");
        int port = TestPorts.free();
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        // The client compiler only and the serial collector: a start in about half the time.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WxLoginApplication.class.getName(),
                        "--dev",
                        "--server.port=" + port,
                        "--wxlogin.data-dir=" + dir.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("WXLOGIN_LOG_FORMAT", "ecs");
        Process service = builder.start();
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            awaitReady(http, service);
            String traceId = "0af7651916cd43dd8448eb211c80319c";

            Http.Reply refused = http.login(
                    "wx0000000000000001",
                    "code-wechat-never-issued",
                    "traceparent",
                    "00-" + traceId + "-b7ad6b7169203331-01");

            assertThat(refused.json().get("traceId").asString()).isEqualTo(traceId);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines)
                    .filteredOn(l -> !l.isBlank())
                    .allSatisfy(l -> assertThat(l).startsWith("{"));
            JsonNode line = lines.stream()
                    .filter(l -> l.contains("Login refused by WeChat"))
                    .map(Http.JSON::readTree)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no log line of the refused login in " + lines));
            assertThat(line.get("traceId").asString()).isEqualTo(traceId);
            assertThat(line.get("message").asString()).contains("errcode 40029");
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static void awaitReady(Http http, Process service) throws InterruptedException, IOException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue());
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready");
    }
}
