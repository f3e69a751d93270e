package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How {@link SimulatorServer} frames its answers on one connection: keep-alive, order, HEAD, close. */
class HttpFramingTest {

    private final WeChatSimulator sim = new WeChatSimulator(TestSim.settings());
    private final SimulatorServer server = SimulatorServer.start(sim, "127.0.0.1", 0);

    @AfterEach
    void stop() {
        server.close();
    }

    private static String get(String pathAndQuery) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: sim\r\n\r\n";
    }

    private static JsonNode json(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(answer.header("Content-Length")).hasValue(String.valueOf(utf8Length(answer.body())));
        return Json.MAPPER.readTree(answer.body());
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void pipelinedCallsAreAnsweredInOrderEvenWhenTheFirstStalls() throws Exception {
        sim.handle(new SimRequest(
                "POST",
                "/sim/faults",
                null,
                "{\"path\":\"/cgi-bin/token\",\"latencyMs\":300,\"count\":1}".getBytes(StandardCharsets.UTF_8)));
        String token = "/cgi-bin/token?"
                + TestSim.query("grant_type", "client_credential", "appid", APP_1, "secret", TestSim.secret(APP_1));

        try (RawHttp http = new RawHttp(server.port())) {
            http.send(get(token) + get("/sim/stats") + get("/nothing/here"));

            assertThat(json(http.read()).has("access_token")).isTrue();
            RawHttp.Answer stats = http.read();
            assertThat(json(stats).get("calls").get("/cgi-bin/token").asInt()).isEqualTo(1);
            assertThat(http.read().status()).isEqualTo(404);
            assertThat(stats.header("Connection")).isEmpty(); // HTTP/1.1: kept open unless it says close
        }
    }

    @Test
    void headIsAnsweredWithoutABodyAndTheConnectionGoesOn() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("HEAD /sim/stats HTTP/1.1\r\nHost: sim\r\n\r\n" + get("/sim/stats"));

            RawHttp.Answer head = http.read(true);
            assertThat(head.status()).isEqualTo(405); // /sim/stats is GET and DELETE
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Length"))
                    .hasValueSatisfying(n -> assertThat(Integer.parseInt(n)).isPositive());
            RawHttp.Answer next = http.read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(json(next).has("calls")).isTrue();
        }
    }

    @Test
    void noContentAnswerCarriesNoLengthAndTheConnectionGoesOn() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("DELETE /sim/faults HTTP/1.1\r\nHost: sim\r\n\r\n" + get("/sim/stats"));

            RawHttp.Answer cleared = http.read();
            assertThat(cleared.status()).isEqualTo(204);
            assertThat(cleared.header("Content-Length")).isEmpty();
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void connectionCloseIsAnsweredThenClosed() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /sim/stats HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n\r\n");

            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Connection")).hasValue("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClientAskingForKeepAliveIsToldItIsKept() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            String request = "GET /sim/stats HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
            http.send(request);
            assertThat(http.read().header("Connection")).hasValue("keep-alive");

            http.send(request);
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void bodySentAfterExpectContinueIsRead() throws Exception {
        String body = "{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\"}";
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /sim/login HTTP/1.1\r\nHost: sim\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + utf8Length(body) + "\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(100);

            http.send(body);
            RawHttp.Answer login = http.read();
            assertThat(login.status()).isEqualTo(200);
            assertThat(json(login).get("code").asString()).isNotEmpty();
        }
    }

    @Test
    void chunkedOversizedBodyGetsTheSimulators413AndTheConnectionGoesOn() throws Exception {
        String chunk = "x".repeat(40_000);
        String chunked = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /sim/login HTTP/1.1\r\nHost: sim\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked + chunked
                    + "0\r\n\r\n" + get("/sim/stats"));

            RawHttp.Answer refused = http.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(json(refused).get("error").asString()).contains("64 KiB");
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void malformedRequestIsRefusedAndTheConnectionClosed() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /sim/stats HTTP/1.1\r\nHost: sim\r\nContent-Length: nope\r\n\r\n");

            RawHttp.Answer refused = http.read();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.header("Connection")).hasValue("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }
}
