package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.component.MessageCrypt;
import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Service providers over real HTTP: a configured service whose authorizer apps log in through their
 * component, with a standalone simulator as WeChat. Component 1 takes WeChat's ticket pushes at the
 * service's event URL; component 2's token comes from the provider's own token service; component 3 has
 * never been pushed a good ticket.
 */
class ComponentLoginTest {

    static final ComponentSim.Keys COMPONENT_1 = new ComponentSim.Keys(
            "wxcomp00000001", "component-secret-1", "push-token-1", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    static final ComponentSim.Keys COMPONENT_2 = new ComponentSim.Keys(
            "wxcomp00000002", "component-secret-2", "push-token-2", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
    static final ComponentSim.Keys COMPONENT_3 = new ComponentSim.Keys(
            "wxcomp00000003", "component-secret-3", "push-token-3", "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut");
    /** Authorized component 1, in an open-platform group. */
    static final String AUTHORIZED = "wxauth00000001";
    /** Configured as component 1's in the service, but never authorized it in WeChat. */
    static final String NOT_AUTHORIZED = "wxauth00000002";

    static final String OF_TOKEN_URL = "wxauth00000003";
    static final String OF_COMPONENT_3 = "wxauth00000004";
    static final String PLAIN = "wxplain00000001";
    static final String PROVIDER_BEARER = "provider-bearer-0123456789";

    @TempDir
    static Path dataDir;

    static SimulatorServer simulator;
    static TestService service;
    static Sim sim;
    static ComponentSim components;
    static ProviderTokenServer provider;

    @BeforeAll
    static void start() throws IOException {
        simulator = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(SimApps.parse(AUTHORIZED + ":s1:g1," + NOT_AUTHORIZED
                        + ":s2," + OF_TOKEN_URL + ":s3," + OF_COMPONENT_3 + ":s4," + PLAIN + ":plainsecret"))),
                "127.0.0.1",
                0);
        sim = new Sim(new Http(simulator.baseUrl()));
        components = new ComponentSim(sim);
        provider = new ProviderTokenServer(COMPONENT_2, PROVIDER_BEARER, simulator.baseUrl());
        List<String> args = new ArrayList<>();
        args.addAll(COMPONENT_1.serviceArgs());
        args.addAll(COMPONENT_3.serviceArgs());
        String c2 = "--wxlogin.wechat-component.components." + COMPONENT_2.appId() + ".";
        args.add(c2 + "token-url=" + provider.url("/token"));
        args.add(c2 + "token-url-authorization=Bearer " + PROVIDER_BEARER);
        args.add(ComponentSim.appArg(AUTHORIZED, COMPONENT_1.appId()));
        args.add("--wxlogin.wechat-component.apps." + AUTHORIZED + ".group=g1");
        args.add(ComponentSim.appArg(NOT_AUTHORIZED, COMPONENT_1.appId()));
        args.add(ComponentSim.appArg(OF_TOKEN_URL, COMPONENT_2.appId()));
        args.add(ComponentSim.appArg(OF_COMPONENT_3, COMPONENT_3.appId()));
        service = TestService.configured(
                dataDir,
                Map.of(
                        "WXLOGIN_APPS",
                        PLAIN + ":plainsecret",
                        "WXLOGIN_WECHAT_BASE_URL",
                        simulator.baseUrl().toString()),
                args.toArray(String[]::new));
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

    @BeforeEach
    void freshWeChat() {
        sim.reset();
        components.configure(COMPONENT_1, List.of(AUTHORIZED));
        components.configure(COMPONENT_2, List.of(OF_TOKEN_URL));
        components.configure(COMPONENT_3, List.of(OF_COMPONENT_3));
    }

    static String eventUrl(ComponentSim.Keys component) {
        return service.baseUrl() + "/wechat/component/" + component.appId() + "/events";
    }

    @Test
    void aPushedTicketGetsTheComponentTokenThatLogsTheAuthorizerAppIn() {
        JsonNode pushed = components.push(COMPONENT_1.appId(), eventUrl(COMPONENT_1));
        assertThat(pushed.get("status").asInt()).as("%s", pushed).isEqualTo(200);
        assertThat(pushed.get("answer").asString()).isEqualTo("success");
        JsonNode held = sim.session(AUTHORIZED, "provider-user");

        JsonNode first = assertSession(service.http().login(AUTHORIZED, sim.code(AUTHORIZED, "provider-user")));
        // (A token cached by an earlier test is one this fresh WeChat never gave: renewed once, then kept.)
        assertThat(components.tokenCalls()).as("one token fetched").isEqualTo(1);
        long loginCalls = components.loginCalls();
        JsonNode second = assertSession(service.http().login(AUTHORIZED, sim.code(AUTHORIZED, "provider-user")));

        assertThat(first.get("user").get("platform").asString()).isEqualTo("wechat");
        assertThat(first.get("user").get("openid").asString())
                .isEqualTo(held.get("openid").asString());
        assertThat(first.get("user").get("unionid").asString())
                .isEqualTo(held.get("unionid").asString());
        assertThat(second.get("user").get("id")).isEqualTo(first.get("user").get("id"));
        assertThat(components.tokenCalls())
                .as("the same token for the second login")
                .isEqualTo(1);
        assertThat(components.loginCalls() - loginCalls).isEqualTo(1);
        assertThat(sim.code2SessionCalls())
                .as("the app's own code2Session is not used")
                .isZero();
    }

    @Test
    void aPlainWeChatAppBesideThemStillLogsInWithItsSecret() {
        assertSession(service.http().login(PLAIN, sim.code(PLAIN, "plain-user")));
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
        assertThat(components.loginCalls()).isZero();
    }

    @Test
    void anAppThatDidNotAuthorizeTheComponentIsAnOperatorError() {
        components.push(COMPONENT_1.appId(), eventUrl(COMPONENT_1));
        Map<String, Long> before = service.rowCounts();

        Http.Reply r = service.http().login(NOT_AUTHORIZED, sim.code(NOT_AUTHORIZED, "stranger"));

        JsonNode problem = assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(problem.get("detail").asString()).contains("61003").contains("authorized");
        assertThat(service.rowCounts()).isEqualTo(before);
    }

    @Test
    void aForgedPushIsRefusedAndTheKeptTicketRenewsAnExpiredTokenOnce() {
        components.push(COMPONENT_1.appId(), eventUrl(COMPONENT_1));
        assertSession(service.http().login(AUTHORIZED, sim.code(AUTHORIZED, "renewing")));

        JsonNode forged = components.push(COMPONENT_1.appId(), eventUrl(COMPONENT_1), true);
        assertThat(forged.get("status").asInt()).as("%s", forged).isEqualTo(400);
        assertThat(forged.get("answer").asString()).contains("msg_signature");
        // Two hours later in WeChat: the service's cached token has expired there.
        Http.Reply later = sim.http().postJson("/sim/clock", Map.of("advanceSeconds", 7300));
        assertThat(later.status()).isEqualTo(204);
        long tokenCalls = components.tokenCalls();
        long loginCalls = components.loginCalls();

        assertSession(service.http().login(AUTHORIZED, sim.code(AUTHORIZED, "renewing")));

        assertThat(components.tokenCalls() - tokenCalls)
                .as("renewed once, with the ticket of the genuine push")
                .isEqualTo(1);
        assertThat(components.loginCalls() - loginCalls)
                .as("42001, then the retry")
                .isEqualTo(2);
    }

    @Test
    void aForgedFirstPushKeepsNothing() {
        JsonNode forged = components.push(COMPONENT_3.appId(), eventUrl(COMPONENT_3), true);
        assertThat(forged.get("status").asInt()).isEqualTo(400);

        Http.Reply r = service.http().login(OF_COMPONENT_3, sim.code(OF_COMPONENT_3, "early"));

        assertProblem(r, 503, "upstream_unavailable");
        assertThat(components.tokenCalls()).as("no ticket: WeChat is not asked").isZero();
        assertThat(components.loginCalls()).isZero();

        components.push(COMPONENT_3.appId(), eventUrl(COMPONENT_3));
        assertSession(service.http().login(OF_COMPONENT_3, sim.code(OF_COMPONENT_3, "early")));
    }

    @Test
    void theProvidersTokenServiceGivesTheToken() {
        components.push(COMPONENT_2.appId(), provider.url("/events"));
        int before = provider.tokenRequests.get();

        JsonNode session = assertSession(service.http().login(OF_TOKEN_URL, sim.code(OF_TOKEN_URL, "via-url")));
        assertSession(service.http().login(OF_TOKEN_URL, sim.code(OF_TOKEN_URL, "via-url")));

        assertThat(session.get("user").get("openid").asString())
                .isEqualTo(sim.session(OF_TOKEN_URL, "via-url").get("openid").asString());
        assertThat(provider.tokenRequests.get() - before)
                .as("asked at most once more")
                .isLessThanOrEqualTo(1);
        assertThat(provider.refusedRequests.get())
                .as("the bearer secret was sent")
                .isZero();
        assertThat(components.loginCalls()).isBetween(2L, 3L);
    }

    @Test
    void aComponentAppsPhoneCodeIsUnsupported() {
        components.push(COMPONENT_1.appId(), eventUrl(COMPONENT_1));
        Tokens t = Tokens.of(service.http().login(AUTHORIZED, sim.code(AUTHORIZED, "phone-user")));

        Http.Reply r = service.http().withBearer("POST", "/v1/me/phone", t.access(), "{\"code\":\"0123456789abcdef\"}");

        assertProblem(r, 400, "unsupported");
    }

    @Test
    void pushesToAnUnknownComponentOrATokenUrlComponentAre404() {
        JsonNode unknown =
                components.push(COMPONENT_1.appId(), service.baseUrl() + "/wechat/component/wxnobody/events");
        assertThat(unknown.get("status").asInt()).isEqualTo(404);
        JsonNode urlSourced = components.push(COMPONENT_2.appId(), eventUrl(COMPONENT_2));
        assertThat(urlSourced.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void aPushWithAMalformedQueryStringIsABadRequestNotAFailure() {
        for (String query : new String[] {"?msg_signature=%ZZ&timestamp=1&nonce=1", "?timestamp=%C0&nonce=1"}) {
            Http.Reply r = service.http()
                    .raw(
                            "POST",
                            "/wechat/component/" + COMPONENT_1.appId() + "/events" + query,
                            List.of("Content-Type: text/xml", "Accept: */*"),
                            "<xml/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertProblem(r, 400, "invalid_request");
            assertThat(r.json().get("detail").asString()).isEqualTo("the query string is malformed");
        }
    }

    @Test
    void aPushIsTakenWhateverItsContentTypeAndAcceptHeader() {
        MessageCrypt crypt = new MessageCrypt(COMPONENT_1.token(), COMPONENT_1.encodingAesKey(), COMPONENT_1.appId());
        long createTime = java.time.Instant.now().getEpochSecond();
        String encrypted = crypt.encrypt(
                "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "<xml><AppId><![CDATA[" + COMPONENT_1.appId() + "]]></AppId><CreateTime>" + createTime
                        + "</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                        + "<ComponentVerifyTicket><![CDATA[ticket@@@any-content-type]]></ComponentVerifyTicket></xml>");
        String query = "?timestamp=1409659813&nonce=1372623149&msg_signature="
                + crypt.signature("1409659813", "1372623149", encrypted);
        String body = "<xml><AppId><![CDATA[" + COMPONENT_1.appId() + "]]></AppId><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt></xml>";
        String path = "/wechat/component/" + COMPONENT_1.appId() + "/events" + query;

        service.jdbc()
                .sql("DELETE FROM wx_component_tickets WHERE component_app_id = ?")
                .param(COMPONENT_1.appId())
                .update();
        try {
            Http.Reply r =
                    service.http().call("POST", path, "application/octet-stream", body, "Accept", "application/json");

            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.body()).isEqualTo("success");
            assertThat(service.jdbc()
                            .sql("SELECT created_at FROM wx_component_tickets WHERE component_app_id = ?")
                            .param(COMPONENT_1.appId())
                            .query(Long.class)
                            .single())
                    .as("the pushed ticket is the one kept")
                    .isEqualTo(createTime * 1000);
        } finally {
            // The made-up ticket is not one WeChat (the simulator) gave: the other tests' pushes replace it.
            service.jdbc()
                    .sql("DELETE FROM wx_component_tickets WHERE component_app_id = ?")
                    .param(COMPONENT_1.appId())
                    .update();
        }
    }
}
