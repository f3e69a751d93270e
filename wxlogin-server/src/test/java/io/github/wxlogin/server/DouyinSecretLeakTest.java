package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.wechat.AccessTokenStore;
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
 * The leak test for Douyin: after Douyin traffic of every kind (real logins, guests and their upgrade,
 * replays, every refusal, phone bindings by code, through a client token renewed once, and by
 * encryptedData, open data), with the service's code and Spring MVC logging at DEBUG, no Douyin app
 * secret, session_key, client token, phone private key, or login, anonymous or phone code is in the log
 * or in an answer, and no table holds a session_key in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class DouyinSecretLeakTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
            "--logging.level.io.github.wxlogin=DEBUG",
            "--logging.level.org.springframework.web=DEBUG",
            "--wxlogin.rate-limit.decrypt-per-user=0",
            "--wxlogin.rate-limit.phone-per-user=0",
            "--wxlogin.rate-limit.phone-per-user-daily=0");

    static CapturedOutput output;
    static DouyinSim douyin;

    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final Set<List<String>> users = new LinkedHashSet<>();
    static final Set<String> codes = new LinkedHashSet<>();
    static final Set<String> clientTokens = new LinkedHashSet<>();
    static final Set<String> secrets = new LinkedHashSet<>();
    static final Set<String> sessionKeys = new LinkedHashSet<>();
    /** The base64 lines of the apps' PEM private keys. */
    static final Set<String> privateKeyLines = new LinkedHashSet<>();

    static int bound;

    @BeforeAll
    static void runDouyinTraffic(CapturedOutput captured) throws Exception {
        output = captured;
        douyin = DouyinSim.of(dev.service());
        dev.http().onReply(replies::add);

        Tokens alice = login(DOUYIN_1, "leak-dy-alice");
        login(DOUYIN_2, "leak-dy-alice");
        login(DOUYIN_1, "leak-dy-bob");
        // A guest, its later login, its upgrade; a replay; a burst of one code.
        guest("leak-dy-carol");
        guest("leak-dy-carol");
        guest("leak-dy-kim-device");
        DouyinSim.Codes carol = codes(DOUYIN_1, "leak-dy-carol");
        douyin.serviceLogin(DOUYIN_1, carol);
        douyin.serviceLogin(DOUYIN_1, carol);
        DouyinSim.Codes burst = codes(DOUYIN_2, "leak-dy-dave");
        Concurrently.run(5, i -> douyin.serviceLogin(DOUYIN_2, burst));
        // Douyin's refusals and failures.
        douyin.serviceLogin(DOUYIN_1, "0123456789abcdefghijklmnopqrstuv", "0123456789abcdefghijklmnopqrstuw");
        for (int errNo : new int[] {40014, 40015, 40017, 40018, 40019}) {
            douyin.fail(DouyinSim.CODE2SESSION, errNo, 1);
            douyin.serviceLogin(DOUYIN_1, codes(DOUYIN_1, "leak-dy-erin"));
        }
        douyin.fail(DouyinSim.CODE2SESSION, -1, 3);
        DouyinSim.Codes busy = codes(DOUYIN_1, "leak-dy-frank");
        douyin.serviceLogin(DOUYIN_1, busy);
        douyin.serviceLogin(DOUYIN_1, busy);
        douyin.failWithHttp(DouyinSim.CODE2SESSION, 502, 1);
        douyin.serviceLogin(DOUYIN_1, codes(DOUYIN_1, "leak-dy-frank"));
        douyin.serviceLogin("wx0000000000000001", null, "an-anonymous-code-for-wechat");
        // Phone numbers: by code (a client token fetched, refused, renewed), refused codes, by encryptedData.
        bindByCode(alice, DOUYIN_1, "leak-dy-alice");
        keepClientTokens();
        douyin.fail(DouyinSim.PHONE_NUMBER, 28001003, 1);
        bindByCode(login(DOUYIN_1, "leak-dy-grace"), DOUYIN_1, "leak-dy-grace");
        keepClientTokens();
        douyin.fail(DouyinSim.PHONE_NUMBER, 28005187, 1);
        bindByCode(login(DOUYIN_1, "leak-dy-heidi"), DOUYIN_1, "leak-dy-heidi");
        douyin.fail(DouyinSim.CLIENT_TOKEN, 10013, 1);
        bindByCode(login(DOUYIN_2, "leak-dy-ivan"), DOUYIN_2, "leak-dy-ivan");
        Tokens judy = login(DOUYIN_1, "leak-dy-judy");
        JsonNode button = douyin.phone(DOUYIN_1, "leak-dy-judy", "13900000409");
        codes.add(button.get("code").asString());
        post(
                judy,
                "/v1/me/phone",
                Map.of(
                        "encryptedData",
                        button.get("encryptedData").asString(),
                        "iv",
                        button.get("iv").asString()));
        // Open data, good, tampered and under another user's key.
        JsonNode data = douyin.openData(DOUYIN_1, "leak-dy-alice", Map.of("nickName", "Leaky"));
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("encryptedData", data.get("encryptedData").asString());
        good.put("iv", data.get("iv").asString());
        good.put("rawData", data.get("rawData").asString());
        good.put("signature", data.get("signature").asString());
        post(alice, "/v1/me/decrypt", good);
        good.put("signature", "0000000000000000000000000000000000000000");
        post(alice, "/v1/me/decrypt", good);
        post(
                judy,
                "/v1/me/decrypt",
                Map.of(
                        "encryptedData",
                        data.get("encryptedData").asString(),
                        "iv",
                        data.get("iv").asString()));

        for (App app : dev.service().bean(Apps.class).all()) {
            if (app.platform() == Platform.DOUYIN) {
                secrets.add(app.secret());
                for (String line :
                        douyin.keys(app.appId()).get("privateKey").asString().split("\n")) {
                    if (!line.startsWith("-----") && line.length() >= 32) {
                        privateKeyLines.add(line);
                    }
                }
            }
        }
        for (List<String> user : users) {
            sessionKeys.add(
                    douyin.session(user.get(0), user.get(1)).get("sessionKey").asString());
        }
        keepClientTokens();
    }

    private static DouyinSim.Codes codes(String appId, String user) {
        users.add(List.of(appId, user));
        DouyinSim.Codes c = douyin.login(appId, user);
        codes.add(c.code());
        codes.add(c.anonymousCode());
        return c;
    }

    private static Tokens login(String appId, String user) {
        return Tokens.of(douyin.serviceLogin(appId, codes(appId, user)));
    }

    private static void guest(String device) {
        String code = douyin.anonymousCode(DOUYIN_1, device);
        codes.add(code);
        douyin.serviceLogin(DOUYIN_1, null, code);
    }

    private static Http.Reply post(Tokens caller, String path, Map<String, ?> body) {
        return dev.http().withBearer("POST", path, caller.access(), Http.JSON.writeValueAsString(body));
    }

    private static void bindByCode(Tokens caller, String appId, String user) {
        String code = douyin.phone(appId, user, "139000004" + String.format("%02d", ++bound))
                .get("code")
                .asString();
        codes.add(code);
        post(caller, "/v1/me/phone", Map.of("code", code));
    }

    private static void keepClientTokens() {
        AccessTokenStore store = dev.service().bean(AccessTokenStore.class);
        for (String app : List.of(DOUYIN_1, DOUYIN_2)) {
            store.get(app).ifPresent(t -> clientTokens.add(t.value()));
        }
    }

    private static String log() {
        return output.getAll();
    }

    private static Set<String> forbidden() {
        Set<String> all = new LinkedHashSet<>(secrets);
        all.addAll(sessionKeys);
        all.addAll(clientTokens);
        all.addAll(privateKeyLines);
        return all;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(secrets).hasSize(2);
        assertThat(sessionKeys).hasSizeGreaterThanOrEqualTo(8);
        assertThat(clientTokens).as("a token, and the one that renewed it").hasSizeGreaterThanOrEqualTo(2);
        assertThat(privateKeyLines).hasSizeGreaterThanOrEqualTo(40);
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 409, 503);
        assertThat(replies.stream().filter(r -> r.body().contains("\"anonymous\":true")))
                .isNotEmpty();
        assertThat(replies.stream().filter(r -> r.body().contains("\"phoneNumber\":\"139")))
                .isNotEmpty();
        assertThat(log()).contains("Login user=").contains("Douyin refused the credentials of app");
    }

    @Test
    void noSecretSessionKeyClientTokenOrPrivateKeyAppearsInTheLog() {
        String log = log();
        for (String secret : forbidden()) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void noLoginAnonymousOrPhoneCodeAppearsInTheLog() {
        String log = log();
        for (String code : codes) {
            assertThat(log).doesNotContain(code);
        }
    }

    @Test
    void noAnswerCarriesASecretASessionKeyAClientTokenOrAPrivateKey() {
        for (Http.Reply reply : replies) {
            for (String secret : forbidden()) {
                assertThat(reply.body()).doesNotContain(secret);
                assertThat(reply.headerText()).doesNotContain(secret);
            }
            // session_key_stale's detail names the session_key; no answer has it as a field.
            assertThat(reply.body()).doesNotContain("\"session_key\"").doesNotContain("\"sessionKey\"");
        }
    }

    @Test
    void storedSessionKeysAreSealedAndGuestsHaveNone() {
        List<Map<String, Object>> rows = dev.service()
                .jdbc()
                .sql("SELECT session_key, previous_session_key, anonymous FROM wx_identities")
                .query()
                .listOfRows();
        assertThat(rows).anySatisfy(row -> assertThat(row.get("anonymous")).isIn(true, 1, 1L, (short) 1));
        for (Map<String, Object> row : rows) {
            String current = String.valueOf(row.get("session_key"));
            boolean guest = !List.of(false, 0, 0L, (short) 0).contains(row.get("anonymous"));
            if (guest) {
                assertThat(current).isEmpty();
            } else {
                assertThat(current).startsWith("v1.");
            }
            for (String key : sessionKeys) {
                assertThat(current).doesNotContain(key);
                assertThat(String.valueOf(row.get("previous_session_key"))).doesNotContain(key);
            }
        }
    }
}
