package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The leak test for service providers: after component traffic of every kind (pushes good and forged,
 * the token fetched with the ticket and renewed once, a token from the provider's token URL with its
 * bearer secret, logins, 61003, faults), with every logger at DEBUG, no component secret, push Token,
 * EncodingAESKey, ticket, component token, bearer secret or session_key is in the log or in an answer,
 * and no table holds a ticket in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class ComponentSecretLeakTest {

    static final ComponentSim.Keys COMPONENT_1 = new ComponentSim.Keys(
            "wxcompleak00001",
            "leak-component-secret-1",
            "leak-push-token-1",
            "LeakKey0123456789abcdefghijklmnopqrstuvwxyz");
    static final ComponentSim.Keys COMPONENT_2 = new ComponentSim.Keys(
            "wxcompleak00002",
            "leak-component-secret-2",
            "leak-push-token-2",
            "LeakKeyTwo0123456789abcdefghijklmnopqrstuvw");
    static final String APP_1 = "wxleakauth00001";
    static final String NOT_AUTHORIZED = "wxleakauth00002";
    static final String APP_URL = "wxleakauth00003";
    static final String BEARER = "leak-provider-bearer-0123456789";
    /** Component tokens as the simulator mints them: "86_" and 128 base64url characters. */
    static final Pattern COMPONENT_TOKEN = Pattern.compile("86_[A-Za-z0-9_-]{100,}");

    @TempDir
    static Path dataDir;

    static CapturedOutput output;
    static SimulatorServer simulator;
    static TestService service;
    static ProviderTokenServer provider;
    static Sim sim;

    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final List<String> pushAnswers = new ArrayList<>();
    static final Set<String> tickets = new LinkedHashSet<>();
    static final Set<String> sessionKeys = new LinkedHashSet<>();
    static final Set<String> componentTokens = new LinkedHashSet<>();

    @BeforeAll
    static void runComponentTraffic(CapturedOutput captured) throws Exception {
        output = captured;
        simulator = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(
                        SimApps.parse(APP_1 + ":s1:g1," + NOT_AUTHORIZED + ":s2," + APP_URL + ":s3"))),
                "127.0.0.1",
                0);
        sim = new Sim(new Http(simulator.baseUrl()));
        ComponentSim components = new ComponentSim(sim);
        components.configure(COMPONENT_1, List.of(APP_1));
        components.configure(COMPONENT_2, List.of(APP_URL));
        provider = new ProviderTokenServer(COMPONENT_2, BEARER, simulator.baseUrl());
        List<String> args = new ArrayList<>(COMPONENT_1.serviceArgs());
        args.add(ComponentSim.appArg(APP_1, COMPONENT_1.appId()));
        args.add(ComponentSim.appArg(NOT_AUTHORIZED, COMPONENT_1.appId()));
        args.add(ComponentSim.appArg(APP_URL, COMPONENT_2.appId()));
        String c2 = "--wxlogin.wechat-component.components." + COMPONENT_2.appId() + ".";
        args.add(c2 + "token-url=" + provider.url("/token"));
        args.add(c2 + "token-url-authorization=Bearer " + BEARER);
        args.add("--logging.level.root=DEBUG");
        service = TestService.configured(
                dataDir,
                Map.of("WXLOGIN_WECHAT_BASE_URL", simulator.baseUrl().toString()),
                args.toArray(String[]::new));
        service.http().onReply(replies::add);
        String events = service.baseUrl() + "/wechat/component/" + COMPONENT_1.appId() + "/events";

        push(components.push(COMPONENT_1.appId(), events, true));
        login(APP_1, "leak-early");
        push(components.push(COMPONENT_1.appId(), events));
        login(APP_1, "leak-alice");
        login(APP_1, "leak-alice");
        push(components.push(COMPONENT_1.appId(), events, true));
        push(components.push(COMPONENT_1.appId(), events));
        login(NOT_AUTHORIZED, "leak-stranger");
        // The component token expires in WeChat: renewed once with the kept ticket.
        sim.http().postJson("/sim/clock", Map.of("advanceSeconds", 7300));
        login(APP_1, "leak-bob");
        // WeChat's faults on both component paths.
        for (int errcode : new int[] {40029, 45011, -1, 40001}) {
            sim.fault(Map.of("path", ComponentSim.LOGIN_PATH, "errcode", errcode, "count", 1));
            login(APP_1, "leak-carol");
        }
        sim.fault(Map.of("path", ComponentSim.LOGIN_PATH, "errcode", 42001, "count", 2));
        sim.fault(Map.of("path", ComponentSim.TOKEN_PATH, "errcode", 61006, "count", 1));
        login(APP_1, "leak-dave");
        // The provider's token URL.
        push(components.push(COMPONENT_2.appId(), provider.url("/events")));
        login(APP_URL, "leak-erin");
        login(APP_URL, "leak-erin");
        Tokens t = Tokens.of(login(APP_1, "leak-frank"));
        service.http().withBearer("POST", "/v1/me/phone", t.access(), "{\"code\":\"0123456789abcdef0123\"}");

        for (String answer : provider.answers) {
            Matcher m = COMPONENT_TOKEN.matcher(answer);
            while (m.find()) {
                componentTokens.add(m.group());
            }
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {service, provider, simulator}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static void push(JsonNode pushed) {
        tickets.add(pushed.get("ticket").asString());
        pushAnswers.add(pushed.get("answer").asString());
    }

    private static Http.Reply login(String appId, String user) {
        Http.Reply r = service.http().login(appId, sim.code(appId, user));
        sessionKeys.add(sim.sessionKey(appId, user));
        return r;
    }

    private static Set<String> forbidden() {
        Set<String> all = new LinkedHashSet<>(tickets);
        for (ComponentSim.Keys k : List.of(COMPONENT_1, COMPONENT_2)) {
            all.addAll(List.of(k.secret(), k.token(), k.encodingAesKey()));
        }
        all.add(BEARER);
        all.addAll(sessionKeys);
        all.addAll(componentTokens);
        return all;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(tickets).hasSize(5);
        assertThat(componentTokens).as("the token URL's tokens").isNotEmpty();
        assertThat(pushAnswers).contains("success");
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 429, 503);
        assertThat(output.getAll())
                .contains("has not authorized component")
                .contains("Refused a push to component")
                .contains("renewing once");
    }

    @Test
    void noSecretTicketTokenOrSessionKeyAppearsInTheLog() {
        String log = output.getAll();
        for (String secret : forbidden()) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(COMPONENT_TOKEN.matcher(log).find())
                .as("a component token in the log")
                .isFalse();
    }

    @Test
    void noAnswerCarriesOne() {
        List<String> answers = new ArrayList<>(pushAnswers);
        for (Http.Reply reply : replies) {
            answers.add(reply.body());
            answers.add(reply.headerText());
        }
        for (String answer : answers) {
            for (String secret : forbidden()) {
                assertThat(answer).doesNotContain(secret);
            }
            assertThat(COMPONENT_TOKEN.matcher(answer).find()).isFalse();
        }
    }

    @Test
    void theStoredTicketIsSealed() {
        String tables = service.snapshot().toString();
        assertThat(tables).contains(COMPONENT_1.appId());
        for (String ticket : tickets) {
            assertThat(tables).doesNotContain(ticket);
        }
    }
}
