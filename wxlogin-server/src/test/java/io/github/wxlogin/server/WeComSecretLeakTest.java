package io.github.wxlogin.server;

import static io.github.wxlogin.server.WeComSim.GETTOKEN;
import static io.github.wxlogin.server.WeComSim.JSCODE2SESSION;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The leak test for WeCom, with every logger at DEBUG (the service's own at TRACE): after WeCom traffic
 * of every kind (logins, a replay, a burst of one code, every refusal injected at gettoken and
 * jscode2session, a token WeCom ended early and the one renewal, open data, the phone forms WeCom does
 * not have), no corp app secret, corp app access token, session_key or login code is in the log or in an
 * answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class WeComSecretLeakTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.leakTest();

    static String log;
    static final WeComSim wecom = new WeComSim(dev::sim);
    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final Set<String> users = new LinkedHashSet<>();
    static final Set<String> codes = new LinkedHashSet<>();
    static final Set<String> corpTokens = new LinkedHashSet<>();
    static String secret;

    @BeforeAll
    static void runWeComTraffic(CapturedOutput output) throws Exception {
        dev.http().onReply(replies::add);
        secret = dev.service().bean(Apps.class).find(WECOM_APP).orElseThrow().secret();

        Tokens alice = Tokens.of(login("leak-wc-alice"));
        keepCorpToken();
        login("leak-wc-alice");
        // A replay and a burst of one code.
        String replayed = code("leak-wc-bob");
        dev.http().login(WECOM_APP, replayed);
        dev.http().login(WECOM_APP, replayed);
        String burst = code("leak-wc-carol");
        Concurrently.run(5, i -> dev.http().login(WECOM_APP, burst));
        // WeCom's refusals and failures at both paths.
        dev.http().login(WECOM_APP, "0123456789abcdefghijklmnopqrstuv");
        for (int errcode : new int[] {40029, 40014, 42001, 48002, -1, 45009}) {
            wecom.fail(JSCODE2SESSION, errcode, errcode == -1 ? 5 : 1);
            dev.http().login(WECOM_APP, code("leak-wc-dave"));
            keepCorpToken();
        }
        wecom.fail(JSCODE2SESSION, 40014, 2);
        dev.http().login(WECOM_APP, code("leak-wc-erin"));
        keepCorpToken();
        for (int errcode : new int[] {40001, 40013, 41004, -1}) {
            WeComSim.forgetToken(dev.service(), WECOM_APP);
            wecom.fail(GETTOKEN, errcode, errcode == -1 ? 5 : 1);
            dev.http().login(WECOM_APP, code("leak-wc-frank"));
            keepCorpToken();
        }
        wecom.failWithHttp(JSCODE2SESSION, 502, 1);
        dev.http().login(WECOM_APP, code("leak-wc-grace"));
        // A token WeCom ended early, renewed once.
        wecom.endTokens();
        login("leak-wc-heidi");
        keepCorpToken();
        // Open data, good and tampered; the phone forms WeCom has not.
        JsonNode data = new WeChatData(dev.service()).openData(WECOM_APP, "leak-wc-alice", Map.of("name", "Leaky"));
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("encryptedData", data.get("encryptedData").asString());
        good.put("iv", data.get("iv").asString());
        good.put("rawData", data.get("rawData").asString());
        good.put("signature", data.get("signature").asString());
        dev.http().withBearer("POST", "/v1/me/decrypt", alice.access(), Http.JSON.writeValueAsString(good));
        good.put("signature", "0000000000000000000000000000000000000000");
        dev.http().withBearer("POST", "/v1/me/decrypt", alice.access(), Http.JSON.writeValueAsString(good));
        dev.http().withBearer("POST", "/v1/me/phone", alice.access(), "{\"code\":\"wecom-has-no-phone-code\"}");
        log = output.getAll();
    }

    private static String code(String user) {
        users.add(user);
        String code = dev.sim().code(WECOM_APP, user);
        codes.add(code);
        return code;
    }

    private static Http.Reply login(String user) {
        Http.Reply r = dev.http().login(WECOM_APP, code(user));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    private static void keepCorpToken() {
        dev.service()
                .bean(AccessTokenStore.class)
                .get(WECOM_APP)
                .filter(t -> !t.value().equals("forgotten"))
                .ifPresent(t -> corpTokens.add(t.value()));
    }

    private static Set<String> sessionKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (String user : users) {
            keys.add(dev.sim().sessionKey(WECOM_APP, user));
        }
        return keys;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(corpTokens).as("a token and its renewals").hasSizeGreaterThanOrEqualTo(2);
        assertThat(sessionKeys()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 503);
        assertThat(log)
                .contains("WeCom refused the corp app credentials of app " + WECOM_APP)
                .contains(" DEBUG ");
    }

    @Test
    void noSecretTokenSessionKeyOrCodeIsInTheLog() {
        Set<String> values = new LinkedHashSet<>();
        values.add(secret);
        values.addAll(corpTokens);
        values.addAll(sessionKeys());
        values.addAll(codes);
        for (String value : values) {
            assertThat(log).doesNotContain(value);
            assertThat(log).doesNotContain(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Test
    void noAnswerCarriesASecretATokenOrASessionKey() {
        Set<String> values = new LinkedHashSet<>();
        values.add(secret);
        values.addAll(corpTokens);
        values.addAll(sessionKeys());
        for (Http.Reply reply : List.copyOf(replies)) {
            for (String value : values) {
                assertThat(reply.body()).doesNotContain(value);
                assertThat(reply.headerText()).doesNotContain(value);
            }
            assertThat(reply.body()).doesNotContain("\"session_key\"").doesNotContain("\"sessionKey\"");
        }
    }
}
