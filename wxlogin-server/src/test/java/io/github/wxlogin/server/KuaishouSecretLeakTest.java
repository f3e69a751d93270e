package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
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
 * The leak test for Kuaishou, with every logger at DEBUG (the service's own at TRACE): after Kuaishou
 * traffic of every kind (logins new and returning, a replay, one code sent by five at once, every
 * {@code result} the simulator can answer or be made to, a gateway error, phone binding by
 * encryptedData good and under a wrong key, a phone code refused, open data good, under a wrong key and
 * with a tampered signature), no Kuaishou app secret, session_key, access or refresh token, or
 * {@code ks.login()} code is in the process's output or in an answer, in any spelling it could take
 * (URL-encoded, base64url, hex), and no table holds a session_key in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class KuaishouSecretLeakTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.leakTest();

    static CapturedOutput output;
    static KuaishouSim kuaishou;
    static WeChatData data;

    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final Set<List<String>> users = new LinkedHashSet<>();
    static final Set<String> codes = new LinkedHashSet<>();
    static final Set<String> tokens = new LinkedHashSet<>();
    static final Set<String> secrets = new LinkedHashSet<>();
    static final Set<String> sessionKeys = new LinkedHashSet<>();

    @BeforeAll
    static void runKuaishouTraffic(CapturedOutput captured) throws Exception {
        output = captured;
        kuaishou = new KuaishouSim(dev::sim);
        data = new WeChatData(dev.service());
        dev.http().onReply(replies::add);

        Tokens alice = login("ks-leak-alice");
        login("ks-leak-alice");
        Tokens bob = login("ks-leak-bob");
        // A replay, and one code sent by five at once.
        String replayed = code("ks-leak-carol");
        keep(dev.http().login(KUAISHOU_APP, replayed));
        dev.http().login(KUAISHOU_APP, replayed);
        String burst = code("ks-leak-dave");
        Concurrently.run(5, i -> keep(dev.http().login(KUAISHOU_APP, burst)));
        // Kuaishou's refusals and failures.
        dev.http().login(KUAISHOU_APP, "0F937BAD25DD870B0C5DAFCACE199093");
        for (int result : new int[] {100200105, 400002, 100200100, 100200101, 240002, 12345}) {
            kuaishou.fail(result, 1);
            dev.http().login(KUAISHOU_APP, code("ks-leak-erin"));
        }
        kuaishou.fail(100200500, 3);
        String busy = code("ks-leak-frank");
        dev.http().login(KUAISHOU_APP, busy);
        keep(dev.http().login(KUAISHOU_APP, busy));
        kuaishou.failWithHttp(502, 1);
        dev.http().login(KUAISHOU_APP, code("ks-leak-grace"));
        // Phone binding: the button's encryptedData, one under another user's key, and a code.
        data.bindPhone(alice, kuaishou.phone(KUAISHOU_APP, "ks-leak-alice", "13900139100"));
        data.bindPhone(bob, kuaishou.phone(KUAISHOU_APP, "ks-leak-heidi", "13900139101"));
        users.add(List.of(KUAISHOU_APP, "ks-leak-heidi"));
        data.bindPhone(bob, Map.of("code", "e61cfeb4da307b90e1b0708bc94c3d65"));
        // Open data: good, signed, tampered, and under another key.
        JsonNode open = kuaishou.openData(KUAISHOU_APP, "ks-leak-alice", Map.of("nickName", "Leaky"));
        Map<String, Object> signed = new LinkedHashMap<>(WeChatData.cipherOnly(open));
        signed.put("rawData", open.get("rawData").asString());
        signed.put("signature", open.get("signature").asString());
        data.decrypt(alice, signed);
        signed.put("signature", "0".repeat(40));
        data.decrypt(alice, signed);
        data.decrypt(bob, WeChatData.cipherOnly(open));
        for (String token : new ArrayList<>(tokens)) {
            dev.http().me("Bearer " + token);
        }

        for (App app : dev.service().bean(Apps.class).all()) {
            if (app.platform() == Platform.KUAISHOU) {
                secrets.add(app.secret());
            }
        }
        for (List<String> user : users) {
            sessionKeys.add(dev.sim().sessionKey(user.get(0), user.get(1)));
        }
    }

    private static String code(String user) {
        users.add(List.of(KUAISHOU_APP, user));
        String code = dev.sim().code(KUAISHOU_APP, user);
        codes.add(code);
        return code;
    }

    private static Tokens login(String user) {
        Http.Reply reply = keep(dev.http().login(KUAISHOU_APP, code(user)));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return Tokens.of(reply);
    }

    private static Http.Reply keep(Http.Reply reply) {
        if (reply.status() == 200) {
            synchronized (tokens) {
                tokens.add(reply.json().get("accessToken").asString());
                tokens.add(reply.json().get("refreshToken").asString());
            }
        }
        return reply;
    }

    /** Every spelling a value could take in a log line or a URL. */
    private static Set<String> spellings(Set<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(v);
            out.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            out.add(HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static Set<String> sessionKeySpellings() {
        Set<String> out = spellings(sessionKeys);
        for (String key : sessionKeys) {
            byte[] raw = Base64.getDecoder().decode(key);
            out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            out.add(HexFormat.of().formatHex(raw));
        }
        return out;
    }

    private static Set<String> forbidden() {
        Set<String> all = new LinkedHashSet<>(spellings(secrets));
        all.addAll(sessionKeySpellings());
        all.addAll(spellings(tokens));
        return all;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(secrets).hasSize(1);
        assertThat(sessionKeys).hasSizeGreaterThanOrEqualTo(6);
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(10);
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 409, 429, 503);
        assertThat(replies.stream().filter(r -> r.body().contains("\"phoneNumber\":\"13900139100\"")))
                .isNotEmpty();
        assertThat(replies.stream().filter(r -> r.body().contains("\"nickName\":\"Leaky\"")))
                .isNotEmpty();
        // The capture sees the whole process at DEBUG: the absence of secrets below means something.
        assertThat(output.getAll())
                .contains("Login user=")
                .contains("Kuaishou refused the login request of app " + KUAISHOU_APP)
                .contains("DEBUG");
    }

    @Test
    void noSecretSessionKeyOrTokenAppearsInTheOutput() {
        String log = output.getAll();
        for (String secret : forbidden()) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void noLoginCodeAppearsInTheOutput() {
        String log = output.getAll();
        for (String code : spellings(codes)) {
            assertThat(log).doesNotContain(code);
        }
    }

    @Test
    void noAnswerCarriesASecretOrASessionKey() {
        Set<String> forbidden = new LinkedHashSet<>(spellings(secrets));
        forbidden.addAll(sessionKeySpellings());
        for (Http.Reply reply : replies) {
            for (String secret : forbidden) {
                assertThat(reply.body()).doesNotContain(secret);
                assertThat(reply.headerText()).doesNotContain(secret);
            }
            assertThat(reply.body()).doesNotContain("\"session_key\"").doesNotContain("\"sessionKey\"");
        }
    }

    @Test
    void storedSessionKeysAreSealed() {
        List<Map<String, Object>> rows = dev.service()
                .jdbc()
                .sql("SELECT session_key, previous_session_key FROM wx_identities WHERE app_id = ?")
                .param(KUAISHOU_APP)
                .query()
                .listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            assertThat(String.valueOf(row.get("session_key"))).startsWith("v1.");
            for (String key : sessionKeys) {
                assertThat(String.valueOf(row.get("session_key"))).doesNotContain(key);
                assertThat(String.valueOf(row.get("previous_session_key"))).doesNotContain(key);
            }
        }
    }
}
