package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The same simulator over real HTTP, through {@link SimulatorServer} on an ephemeral port. */
class SimulatorServerTest {

    private final SimulatorServer server =
            SimulatorServer.start(new WeChatSimulator(TestSim.settings()), "127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void itsSocketsAreAcceptedWithTcpNoDelaySoKeepAliveCallsAreNotHeldByNagle() {
        // Set by the server itself, so no JVM option is needed (see docs/benchmarks.md for the rate on
        // one connection).
        assertThat(server.childOption(ChannelOption.TCP_NODELAY)).isEqualTo(true);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.BodyPublisher body =
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .method(method, body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        return Json.MAPPER.readTree(r.body());
    }

    private String login(String user) throws Exception {
        return json(send("POST", "/sim/login", "{\"appId\":\"" + APP_1 + "\",\"user\":\"" + user + "\"}"))
                .get("code")
                .asString();
    }

    private String exchangePath(String code) {
        return "/sns/jscode2session?"
                + TestSim.query(
                        "appid",
                        APP_1,
                        "secret",
                        TestSim.secret(APP_1),
                        "js_code",
                        code,
                        "grant_type",
                        "authorization_code");
    }

    @Test
    void baseUrlNamesTheBoundAddressAndEphemeralPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    }

    @Test
    void loginAndExchangeWorkOverHttp() throws Exception {
        HttpResponse<String> r = get(exchangePath(login("alice")));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.has("errcode")).isFalse();
        assertThat(body.get("openid").asString()).isEqualTo(Identities.openid(APP_1, "alice"));
    }

    @Test
    void fiftySimultaneousExchangesOfOneCodeOverHttpSucceedExactlyOnce() throws Exception {
        String path = exchangePath(login("alice"));
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return get(path);
                }));
            }
            ready.await();
            go.countDown();
            int successes = 0;
            int used = 0;
            for (Future<HttpResponse<String>> f : answers) {
                JsonNode body = json(f.get());
                if (!body.has("errcode")) {
                    successes++;
                } else if (body.get("errcode").asInt() == 40163) {
                    used++;
                }
            }
            assertThat(successes).isEqualTo(1);
            assertThat(used).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(json(get("/sim/stats"))
                        .get("calls")
                        .get("/sns/jscode2session")
                        .asInt())
                .isEqualTo(50);
    }

    @Test
    void stalledCallDoesNotHoldUpOtherCalls() throws Exception {
        assertThat(send("POST", "/sim/faults", "{\"path\":\"/cgi-bin/token\",\"latencyMs\":60000,\"count\":1}")
                        .statusCode())
                .isEqualTo(204);
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(server.baseUrl()
                                .resolve("/cgi-bin/token?"
                                        + TestSim.query(
                                                "grant_type",
                                                "client_credential",
                                                "appid",
                                                APP_1,
                                                "secret",
                                                TestSim.secret(APP_1))))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        while (json(get("/sim/stats")).get("calls").get("/cgi-bin/token").asInt() == 0) {
            Thread.sleep(10); // until the slow call is inside the simulator, stalling
        }

        HttpResponse<String> fast = get(exchangePath(login("bob")));

        // Answered while a minute's stall is still under way: nothing here depends on the machine's speed.
        assertThat(json(fast).has("openid")).isTrue();
        assertThat(slow).isNotDone();
        slow.cancel(true);
    }

    @Test
    void gatewayFaultAnswersHtmlWithThatStatusOverHttp() throws Exception {
        send("POST", "/sim/faults", "{\"path\":\"/sns/jscode2session\",\"httpStatus\":502,\"count\":1}");

        HttpResponse<String> r = get(exchangePath(login("alice")));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("<html>");
    }

    @Test
    void controlsAnswerNoContentAndErrorsAsJsonOverHttp() throws Exception {
        HttpResponse<String> cleared = send("DELETE", "/sim/faults", null);
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(cleared.body()).isEmpty();

        HttpResponse<String> missing = get("/nothing/here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).has("error")).isTrue();

        HttpResponse<String> wrong = send("PUT", "/cgi-bin/token", "{}");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(json(wrong).has("error")).isTrue();

        HttpResponse<String> bad = send("POST", "/sim/login", "{");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).has("error")).isTrue();
    }

    @Test
    void oversizedBodyIsRefused413OverHttp() throws Exception {
        HttpResponse<String> r = send("POST", "/sim/login", "{\"pad\":\"" + "x".repeat(100_000) + "\"}");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asString()).contains("64 KiB"); // the simulator's answer, not the codec's
    }
}
