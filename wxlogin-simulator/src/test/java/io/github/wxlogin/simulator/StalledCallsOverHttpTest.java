package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Injected latency over HTTP holds no thread: a benchmark stalls thousands of connections at once, and
 * each must end after its own latency, not after the ones before it.
 */
class StalledCallsOverHttpTest {

    private static final int CALLS = 200;
    private static final long LATENCY_MS = 300;

    @Test
    void twoHundredStalledCallsOnOneEventLoopEachTakeTheirLatencyNotTheSum() throws Exception {
        WeChatSimulator sim = new WeChatSimulator(TestSim.settings());
        SimResponse added = sim.handle(new SimRequest(
                "POST",
                "/sim/faults",
                null,
                ("{\"path\":\"/sns/jscode2session\",\"latencyMs\":" + LATENCY_MS + ",\"count\":" + CALLS + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(added.status()).isEqualTo(204);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        // One event loop for every connection: had a stall slept on it, the calls would have taken their
        // sum, 200 x 300 ms = 60 s, one after another.
        try (SimulatorServer server = SimulatorServer.start(sim, "127.0.0.1", 0, 1)) {
            HttpRequest call = HttpRequest.newBuilder(server.baseUrl()
                            .resolve("/sns/jscode2session?"
                                    + TestSim.query(
                                            "appid",
                                            TestSim.APP_1,
                                            "secret",
                                            TestSim.secret(TestSim.APP_1),
                                            "js_code",
                                            "nosuchcode",
                                            "grant_type",
                                            "authorization_code")))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            long start = System.nanoTime();
            List<CompletableFuture<Long>> tookMs = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                long sent = System.nanoTime();
                tookMs.add(http.sendAsync(call, HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> {
                            assertThat(r.body()).contains("\"errcode\":40029");
                            return (System.nanoTime() - sent) / 1_000_000;
                        }));
            }
            CompletableFuture.allOf(tookMs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long allMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(tookMs).allSatisfy(f -> assertThat(f.join()).isGreaterThanOrEqualTo(LATENCY_MS));
            // Generous for a slow, busy machine; the serial sum would be 60 s.
            assertThat(allMs).isLessThan(10_000);
        }
    }
}
