package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.ALIPAY_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
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
 * "Secrets never leave the server", for Alipay, with every logger at DEBUG (the service's own at TRACE):
 * after Alipay traffic down every path (logins new and returning, a replayed and a raced code, Alipay's
 * errors and failures, a request Alipay cannot verify, phone binding in both forms and its refusals, open
 * data), neither the app's private key, nor its content key, nor any access or refresh token Alipay gave,
 * nor an auth code, is in the output of the process or in any answer, in any spelling it could take.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlipaySecretLeakTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.leakTest("--wxlogin.wechat.circuit-failures=100");

    static AlipaySim alipay;
    static String log;
    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final Set<String> alipayTokens = new LinkedHashSet<>();
    static final Set<String> authCodes = new LinkedHashSet<>();
    static final Set<String> users = new LinkedHashSet<>();
    static JsonNode keys;

    @BeforeAll
    static void runAlipayTraffic(CapturedOutput output) throws Exception {
        alipay = new AlipaySim(dev.sim());
        keys = alipay.keys(ALIPAY_APP);
        Http http = dev.http();
        http.onReply(replies::add);

        // Logins: new and returning users, a replayed code, one code sent by five at once.
        Tokens alice = login("leak-ali-alice");
        login("leak-ali-alice");
        Tokens bob = login("leak-ali-bob");
        String replayed = code("leak-ali-carol");
        http.login(ALIPAY_APP, replayed);
        http.login(ALIPAY_APP, replayed);
        String burst = code("leak-ali-dave");
        Concurrently.run(5, i -> http.login(ALIPAY_APP, burst));
        // Alipay's refusals and failures.
        http.login(ALIPAY_APP, "0123456789abcdef0123456789abcdef");
        for (int error : new int[] {40002, 40001, 20001, 40004, 40006}) {
            alipay.fail(error, 1);
            http.login(ALIPAY_APP, code("leak-ali-error"));
        }
        alipay.fail(20000, 3);
        http.login(ALIPAY_APP, code("leak-ali-busy"));
        alipay.failWithHttp(502, 1);
        http.login(ALIPAY_APP, code("leak-ali-502"));
        // A request Alipay cannot verify: its isv.invalid-signature quotes the text it checked, code and all.
        alipay.setStrangerPublicKey(ALIPAY_APP);
        http.login(ALIPAY_APP, code("leak-ali-wrong-key"));
        alipay.setKeys(
                ALIPAY_APP, Map.of("appPublicKey", keys.get("appPublicKey").asString()));
        // Phone binding: both forms, a tampered answer, no sign, WeChat's forms.
        JsonNode phone = alipay.phoneAnswer(ALIPAY_APP, "leak-ali-alice", "13500000001");
        bind(
                alice,
                Map.of(
                        "response",
                        phone.get("response").asString(),
                        "sign",
                        phone.get("sign").asString()));
        bind(
                bob,
                Map.of(
                        "response",
                        alipay.phoneAnswer(ALIPAY_APP, "leak-ali-bob", "13500000002")
                                .get("fullResponse")
                                .asString()));
        bind(
                bob,
                Map.of(
                        "response",
                        phone.get("response").asString(),
                        "sign",
                        phone.get("sign").asString()));
        bind(
                bob,
                Map.of(
                        "response",
                        "A" + phone.get("response").asString().substring(1),
                        "sign",
                        phone.get("sign").asString()));
        bind(bob, Map.of("response", phone.get("response").asString()));
        bind(bob, Map.of("code", "0123456789abcdef"));
        http.withBearer(
                "POST",
                "/v1/me/decrypt",
                alice.access(),
                "{\"encryptedData\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"iv\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
        http.me(alice.bearer());

        for (String user : users) {
            JsonNode held = alipay.session(ALIPAY_APP, user);
            for (String field : List.of("accessToken", "refreshToken")) {
                if (!held.get(field).isNull()) {
                    alipayTokens.add(held.get(field).asString());
                }
            }
        }
        log = output.getAll();
    }

    private static String code(String user) {
        users.add(user);
        String code = alipay.authCode(ALIPAY_APP, user);
        authCodes.add(code);
        return code;
    }

    private static Tokens login(String user) {
        return Tokens.of(dev.http().login(ALIPAY_APP, code(user)));
    }

    private static void bind(Tokens user, Map<String, String> body) {
        dev.http().withBearer("POST", "/v1/me/phone", user.access(), Http.JSON.writeValueAsString(body));
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 409, 503);
        assertThat(alipayTokens).as("tokens Alipay gave").hasSizeGreaterThanOrEqualTo(6);
        assertThat(authCodes).hasSizeGreaterThanOrEqualTo(10);
        // The capture sees the service's log, DEBUG included: the absence of secrets below means something.
        assertThat(log)
                .contains("DEV MODE", "Alipay refused the request of app " + ALIPAY_APP, "isv.invalid-signature")
                .contains("Login refused by Alipay");
        assertThat(log.split(" DEBUG ", -1).length).as("DEBUG lines").isGreaterThan(500);
    }

    @Test
    void theAppsPrivateKeyIsNowhere() {
        // In any PEM wrapping the key's base64 runs in lines of 64: look for a stretch inside each line.
        String key = keys.get("appPrivateKey").asString();
        Set<String> stretches = new LinkedHashSet<>();
        for (int line = 0; line + 64 <= key.length(); line += 64) {
            stretches.add(key.substring(line + 8, line + 48));
        }
        assertNowhere("app private key", stretches);
    }

    @Test
    void theContentKeyIsNowhere() {
        assertNowhere("content key", spellings(Set.of(keys.get("contentKey").asString()), true));
    }

    @Test
    void noAccessOrRefreshTokenAlipayGaveIsAnywhere() {
        assertNowhere("Alipay token", spellings(alipayTokens, false));
    }

    @Test
    void noAuthCodeIsInTheLog() {
        assertNoneInLog("auth code", spellings(authCodes, false));
    }

    /** Neither in the log nor in any answer of the service. */
    private static void assertNowhere(String what, Set<String> forms) {
        assertNoneInLog(what, forms);
        for (Http.Reply reply : List.copyOf(replies)) {
            for (String form : forms) {
                assertThat(reply.body()).as("%s in an answer", what).doesNotContain(form);
                assertThat(reply.headerText())
                        .as("%s in an answer's headers", what)
                        .doesNotContain(form);
            }
        }
    }

    /** A value and the other spellings it could leak in: URL-encoded, and for base64 its base64url and hex forms. */
    private static Set<String> spellings(Set<String> values, boolean base64) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values) {
            out.add(value);
            out.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            if (base64) {
                byte[] raw = Base64.getDecoder().decode(value);
                out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
                out.add(HexFormat.of().formatHex(raw));
                out.add(HexFormat.of().withUpperCase().formatHex(raw));
                out.add(value.replace("=", ""));
            }
        }
        return out;
    }

    /** Fails naming where each leaked value sits in the log (the value masked), not with the whole log. */
    private static void assertNoneInLog(String what, Set<String> forms) {
        assertThat(forms).as(what).isNotEmpty();
        Map<String, String> leaks = new LinkedHashMap<>();
        for (String form : forms) {
            int at = log.indexOf(form);
            if (at >= 0) {
                int from = Math.max(0, log.lastIndexOf('\n', at) + 1);
                int to = log.indexOf('\n', at);
                String line = log.substring(from, to < 0 ? log.length() : Math.min(to, at + form.length() + 200));
                leaks.put(form.substring(0, Math.min(6, form.length())) + "…", line.replace(form, "<" + what + ">"));
            }
        }
        assertThat(leaks).as("log lines holding a %s", what).isEmpty();
    }
}
