package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsAndStatsTest {

    private final TestSim t = new TestSim();

    private void fault(String json) {
        SimResponse r = t.post("/sim/faults", json);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(204);
    }

    private SimResponse tokenCall() {
        return t.get(
                "/cgi-bin/token", "grant_type", "client_credential", "appid", APP_1, "secret", TestSim.secret(APP_1));
    }

    @Test
    void errcodeFaultAnswersSystemErrorForCountCallsThenNormally() {
        fault("{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"count\":2}");

        SimResponse first = tokenCall();
        assertThat(errcode(first)).isEqualTo(-1);
        assertThat(json(first).get("errmsg").asString()).startsWith("system error, rid: ");
        assertThat(errcode(tokenCall())).isEqualTo(-1);
        success(tokenCall());
    }

    @Test
    void faultOnOnePathLeavesTheOthersAlone() {
        fault("{\"path\":\"/sns/jscode2session\",\"errcode\":-1,\"count\":1}");

        success(tokenCall());
        assertThat(errcode(t.code2Session(APP_1, t.login(APP_1, "alice")))).isEqualTo(-1);
    }

    @Test
    void faultedCallDoesNotSpendTheCode() {
        String code = t.login(APP_1, "alice");
        fault("{\"path\":\"/sns/jscode2session\",\"errcode\":-1,\"count\":1}");

        assertThat(errcode(t.code2Session(APP_1, code))).isEqualTo(-1);
        success(t.code2Session(APP_1, code));
    }

    @Test
    void knownErrcodeFaultUsesWeChatsMessage() {
        fault("{\"path\":\"/sns/jscode2session\",\"errcode\":45011,\"count\":1}");

        SimResponse r = t.code2Session(APP_1, t.login(APP_1, "alice"));

        assertThat(errcode(r)).isEqualTo(45011);
        assertThat(json(r).get("errmsg").asString()).startsWith("api minute-quota reach limit");
    }

    @Test
    void faultsOnOnePathStackInOrder() {
        fault("{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"count\":1}");
        fault("{\"path\":\"/cgi-bin/token\",\"httpStatus\":502,\"count\":1}");
        fault("{\"path\":\"/cgi-bin/token\",\"errcode\":45009,\"count\":1}");

        assertThat(errcode(tokenCall())).isEqualTo(-1);
        assertThat(tokenCall().status()).isEqualTo(502);
        SimResponse third = tokenCall();
        assertThat(errcode(third)).isEqualTo(45009);
        assertThat(json(third).get("errmsg").asString()).startsWith("system error, rid: ");
        success(tokenCall());
    }

    @Test
    void httpStatusFaultAnswersAnHtmlGatewayPage() {
        fault("{\"path\":\"/wxa/business/getuserphonenumber\",\"httpStatus\":502,\"count\":1}");

        SimResponse r = t.post("/wxa/business/getuserphonenumber", "access_token=x", "{\"code\":\"c\"}");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.bodyText()).contains("502 Bad Gateway");
    }

    @Test
    void latencyFaultStallsThenAnswersNormally() {
        fault("{\"path\":\"/cgi-bin/token\",\"latencyMs\":300,\"count\":1}");

        Routed stalled = acceptTokenCall();
        Routed next = acceptTokenCall();

        // The stall is the transport's to serve (SimulatorServerTest times it over HTTP); here, exactly which
        // call carries it, whatever the machine's speed.
        assertThat(stalled.stallMs()).isEqualTo(300);
        success(stalled.answer().get());
        assertThat(next.stallMs()).as("count 1: the next call is not stalled").isZero();
        success(next.answer().get());
    }

    @Test
    void latencyAndErrcodeCombine() {
        fault("{\"path\":\"/cgi-bin/token\",\"latencyMs\":200,\"errcode\":-1,\"count\":1}");

        Routed call = acceptTokenCall();

        assertThat(call.stallMs()).isEqualTo(200);
        assertThat(errcode(call.answer().get())).isEqualTo(-1);
    }

    private Routed acceptTokenCall() {
        return t.sim.accept(SimRequest.of(
                "GET",
                "/cgi-bin/token",
                TestSim.query("grant_type", "client_credential", "appid", APP_1, "secret", TestSim.secret(APP_1))));
    }

    @Test
    void acceptTakesTheFaultAtOnceAndLeavesTheStallToTheCaller() {
        fault("{\"path\":\"/cgi-bin/token\",\"latencyMs\":60000,\"count\":1}");

        Routed call = t.sim.accept(SimRequest.of(
                "GET",
                "/cgi-bin/token",
                TestSim.query("grant_type", "client_credential", "appid", APP_1, "secret", TestSim.secret(APP_1))));

        // A minute's stall, and yet accept returned: the waiting is the transport's.
        assertThat(call.stallMs()).isEqualTo(60000);
        assertThat(json(t.get("/sim/stats")).get("calls").get("/cgi-bin/token").asInt())
                .isEqualTo(1);
        success(call.answer().get());
        assertThat(t.sim.accept(SimRequest.of("GET", "/sim/stats", null)).stallMs())
                .isZero();
    }

    @Test
    void handleLaterHoldsNoThreadThroughAStallAndAnswersWhenItEnds() throws Exception {
        fault("{\"path\":\"/cgi-bin/token\",\"latencyMs\":300,\"count\":1}");
        SimRequest tokenCall = SimRequest.of(
                "GET",
                "/cgi-bin/token",
                TestSim.query("grant_type", "client_credential", "appid", APP_1, "secret", TestSim.secret(APP_1)));

        CompletableFuture<SimResponse> stalled = t.sim.handleLater(tokenCall);
        CompletableFuture<SimResponse> next = t.sim.handleLater(tokenCall);

        // Counted at once, and handleLater returned with the stall still ahead: nobody sleeps for it here.
        assertThat(json(t.get("/sim/stats")).get("calls").get("/cgi-bin/token").asInt())
                .isEqualTo(2);
        assertThat(next).as("count 1: the next call is answered at once").isDone();
        success(next.join());
        success(stalled.get(30, TimeUnit.SECONDS));
    }

    @Test
    void stalledCallIsAnsweredAsTheStateIsWhenItsStallEnds() {
        String code = t.login(APP_1, "alice");
        fault("{\"path\":\"/sns/jscode2session\",\"latencyMs\":60000,\"count\":1}");
        Routed stalled = t.sim.accept(SimRequest.of(
                "GET",
                "/sns/jscode2session",
                TestSim.query(
                        "appid",
                        APP_1,
                        "secret",
                        TestSim.secret(APP_1),
                        "js_code",
                        code,
                        "grant_type",
                        "authorization_code")));

        success(t.code2Session(APP_1, code)); // a retry during the stall spends the code

        assertThat(errcode(stalled.answer().get())).isEqualTo(40163);
    }

    @Test
    void clearingFaultsRestoresNormalAnswers() {
        fault("{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"count\":10}");

        assertThat(t.delete("/sim/faults").status()).isEqualTo(204);

        success(tokenCall());
    }

    @Test
    void faultRequestsAreValidated() {
        assertThat(t.post("/sim/faults", "{\"path\":\"/nope\",\"errcode\":-1,\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":-1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"count\":0}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":0,\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":-1,\"httpStatus\":502,\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"httpStatus\":200,\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"latencyMs\":-5,\"count\":1}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/faults", "{\"path\":\"/cgi-bin/token\",\"errcode\":1.5,\"count\":1}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void statsCountEveryCallToWeChatPathsIncludingFailedAndFaultedOnes() {
        JsonNode before = json(t.get("/sim/stats")).get("calls");
        assertThat(before.properties())
                .extracting(java.util.Map.Entry::getKey)
                .contains(
                        "/sns/jscode2session",
                        "/cgi-bin/token",
                        "/cgi-bin/stable_token",
                        "/wxa/business/getuserphonenumber",
                        "/wxa/checksession",
                        "/wxa/resetusersessionkey",
                        "/wxa/business/getuserencryptkey",
                        "/qq/sns/jscode2session",
                        "/douyin/api/apps/v2/jscode2session",
                        "/alipay/gateway.do",
                        "/kuaishou/oauth2/mp/code2session");
        assertThat(before.get("/sns/jscode2session").asInt()).isZero();

        t.signIn(APP_1, "alice");
        t.code2Session(APP_1, "bogus");
        fault("{\"path\":\"/sns/jscode2session\",\"errcode\":-1,\"count\":1}");
        t.code2Session(APP_1, "bogus");
        t.token(APP_1);
        t.stableToken(APP_1, false);
        t.post("/wxa/business/getuserphonenumber", "{}");
        t.get("/wxa/checksession");
        t.get("/wxa/resetusersessionkey");
        t.get("/wxa/resetusersessionkey");
        t.login(APP_1, "bob");

        JsonNode calls = json(t.get("/sim/stats")).get("calls");
        assertThat(calls.get("/sns/jscode2session").asInt()).isEqualTo(3);
        assertThat(calls.get("/cgi-bin/token").asInt()).isEqualTo(1);
        assertThat(calls.get("/cgi-bin/stable_token").asInt()).isEqualTo(1);
        assertThat(calls.get("/wxa/business/getuserphonenumber").asInt()).isEqualTo(1);
        assertThat(calls.get("/wxa/checksession").asInt()).isEqualTo(1);
        assertThat(calls.get("/wxa/resetusersessionkey").asInt()).isEqualTo(2);

        assertThat(t.delete("/sim/stats").status()).isEqualTo(204);
        assertThat(json(t.get("/sim/stats"))
                        .get("calls")
                        .get("/sns/jscode2session")
                        .asInt())
                .isZero();
    }
}
