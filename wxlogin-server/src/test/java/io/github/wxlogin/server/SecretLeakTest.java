package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.token.RefreshTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
 * "Secrets never leave the server": after representative traffic (logins of several users in every
 * app, WeChat's refusals and failures, malformed requests, authenticated calls), with the service's
 * own code and Spring MVC logging at DEBUG, no session_key, app secret, refresh token or refresh-token
 * hash is in the log or in a response it should not be in, and the database holds none of them in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
            "--logging.level.io.github.wxlogin=DEBUG", "--logging.level.org.springframework.web=DEBUG");

    static final String QQ_CODE2SESSION = "/qq/sns/jscode2session";

    static CapturedOutput output;

    /** Every answer of the service, in order. */
    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    /** Each issued refresh token, with the login answer that issued it. */
    static final Map<String, Http.Reply> refreshTokens = new LinkedHashMap<>();

    static final Map<String, Http.Reply> accessTokens = new LinkedHashMap<>();
    /** Every (app, user) the traffic involved. */
    static final Set<List<String>> users = new LinkedHashSet<>();

    static Set<String> sessionKeys;
    static Set<String> secrets;

    @BeforeAll
    static void runRepresentativeTraffic(CapturedOutput captured) throws Exception {
        output = captured;
        dev.http().onReply(replies::add);

        for (List<String> login : List.of(
                List.of(APP_1, "leak-alice"),
                List.of(APP_2, "leak-alice"),
                List.of(APP_3, "leak-alice"),
                List.of(APP_1, "leak-bob"),
                List.of(APP_1, "leak-bob"),
                List.of(APP_3, "leak-bob"))) {
            login(login.get(0), login.get(1));
        }
        // A replayed code, and one sent by five at once.
        String replayed = login(APP_2, "leak-carol");
        dev.http().login(APP_2, replayed);
        String burst = code(APP_1, "leak-carol");
        Concurrently.run(5, i -> keep(dev.http().login(APP_1, burst)));
        // WeChat's refusals and failures.
        dev.http().login(APP_1, "0123456789abcdefghijklmnopqrstuv");
        dev.sim().risky(APP_2, "leak-dave");
        dev.http().login(APP_2, code(APP_2, "leak-dave"));
        String busy = code(APP_1, "leak-erin");
        dev.sim().failCode2Session(-1, 3);
        dev.http().login(APP_1, busy);
        keep(dev.http().login(APP_1, busy));
        dev.sim().failCode2Session(45011, 1);
        dev.http().login(APP_1, code(APP_1, "leak-frank"));
        dev.sim().failCode2SessionWithHttp(502, 1);
        dev.http().login(APP_3, code(APP_3, "leak-grace"));
        dev.sim().failCode2Session(40125, 1);
        dev.http().login(APP_3, code(APP_3, "leak-grace"));
        dev.sim().failCode2Session(40013, 1);
        dev.http().login(APP_2, code(APP_2, "leak-grace"));
        // QQ: logins in both QQ apps, a replay, QQ's refusals and failures at its own path, and its
        // open data and the phone forms it does not offer.
        login(QQ_APP_1, "leak-alice");
        login(QQ_APP_2, "leak-alice");
        String qqReplayed = login(QQ_APP_2, "leak-ivan");
        dev.http().login(QQ_APP_2, qqReplayed);
        dev.http().login(QQ_APP_1, "0123456789abcdefghijklmnopqrstuv");
        for (Map<String, Object> fault : List.<Map<String, Object>>of(
                Map.of("errcode", -1, "count", 3),
                Map.of("errcode", 45011, "count", 1),
                Map.of("errcode", 40125, "count", 1),
                Map.of("httpStatus", 502, "count", 1))) {
            Map<String, Object> at = new LinkedHashMap<>(fault);
            at.put("path", QQ_CODE2SESSION);
            dev.sim().fault(at);
            dev.http().login(QQ_APP_1, code(QQ_APP_1, "leak-judy"));
        }
        Http.Reply qqLogin = keep(dev.http().login(QQ_APP_1, code(QQ_APP_1, "leak-judy")));
        String qqToken = qqLogin.json().get("accessToken").asString();
        WeChatData qqData = new WeChatData(dev.service());
        JsonNode qqOpen = qqData.openData(QQ_APP_1, "leak-judy", Map.of("nickName", "QQ leak"));
        qqData.decrypt(qqToken, Http.JSON.writeValueAsString(WeChatData.cipherOnly(qqOpen)));
        qqData.bindPhone(qqToken, Http.JSON.writeValueAsString(WeChatData.cipherOnly(qqOpen)));
        qqData.bindPhone(qqToken, "{\"code\":\"qq-has-no-phone-code\"}");
        // Baidu: logins, a replay, its refusals and failures at jscode2sessionkey, its open data and the
        // phone button's encryptedData, and the phone code it does not give.
        BaiduSim baidu = new BaiduSim(dev::sim);
        login(BAIDU_APP, "leak-alice");
        String baiduReplayed = login(BAIDU_APP, "leak-ivan");
        dev.http().login(BAIDU_APP, baiduReplayed);
        for (int errno : new int[] {10010100, 10010101, 10010102, 10010103}) {
            baidu.fail(errno, errno == 10010103 ? 3 : 1);
            dev.http().login(BAIDU_APP, code(BAIDU_APP, "leak-judy"));
        }
        baidu.failWithHttp(502, 1);
        dev.http().login(BAIDU_APP, code(BAIDU_APP, "leak-judy"));
        String baiduToken = keep(dev.http().login(BAIDU_APP, code(BAIDU_APP, "leak-judy")))
                .json()
                .get("accessToken")
                .asString();
        qqData.decrypt(
                baiduToken,
                Http.JSON.writeValueAsString(baidu.openData(BAIDU_APP, "leak-judy", Map.of("nickname", "Baidu leak"))));
        qqData.bindPhone(
                baiduToken, Http.JSON.writeValueAsString(baidu.phoneData(BAIDU_APP, "leak-judy", "13800001111")));
        qqData.bindPhone(baiduToken, "{\"code\":\"baidu-has-no-phone-code\"}");
        // Malformed requests.
        String code = code(APP_1, "leak-heidi");
        dev.http().postJson("/v1/auth/login", "{\"appId\":\"" + APP_1 + "\",\"code\":\"" + code + "\"");
        dev.http().postJson("/v1/auth/login", "{\"appId\":\"" + APP_1 + "\",\"code\":[\"" + code + "\"]}");
        dev.http()
                .postJson(
                        "/v1/auth/login",
                        "{\"appId\":\"" + APP_1 + "\",\"code\":\"" + code + "\",\"pad\":\"" + "x".repeat(70_000)
                                + "\"}");
        dev.http()
                .post("/v1/auth/login", "text/plain", ("{\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
        dev.http().get("/v1/auth/login");
        dev.http().get("/v1/nothing-here");
        dev.http().raw("GET", "/%");
        keep(dev.http().login(APP_1, code));
        // A link: another app's identity joins a user, its session_key stored as a login stores it.
        String ivan = keep(dev.http().login(APP_1, code(APP_1, "leak-ivan")))
                .json()
                .get("accessToken")
                .asString();
        String linkCode = code(APP_3, "leak-ivan-3");
        Http.Reply linked = dev.http()
                .withBearer(
                        "POST",
                        "/v1/me/identities",
                        ivan,
                        "{\"appId\":\"" + APP_3 + "\",\"code\":\"" + linkCode + "\"}");
        assertThat(linked.status()).as("%s", linked).isEqualTo(200);
        dev.http().withBearer("GET", "/v1/me/identities", ivan, null);
        // Authenticated calls, good and bad, and discovery.
        for (String token : accessTokens.keySet()) {
            dev.http().me("Bearer " + token);
            dev.http().me("Bearer " + token.substring(0, token.length() - 4) + "AAAA");
        }
        dev.http().me(null);
        dev.http().me("Bearer garbage");
        dev.http().get("/.well-known/jwks.json");
        dev.http().get("/.well-known/openid-configuration");
        dev.http().get("/actuator/health");

        secrets = new LinkedHashSet<>();
        for (App app : dev.service().bean(Apps.class).all()) {
            secrets.add(app.secret());
        }
        sessionKeys = new LinkedHashSet<>();
        for (List<String> user : users) {
            sessionKeys.add(dev.sim().sessionKey(user.get(0), user.get(1)));
        }
    }

    private static String code(String appId, String user) {
        users.add(List.of(appId, user));
        return dev.sim().code(appId, user);
    }

    /** Logs the user in; returns the code it used. */
    private static String login(String appId, String user) {
        String code = code(appId, user);
        Http.Reply reply = keep(dev.http().login(appId, code));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return code;
    }

    /** Remembers the tokens a successful login answer issued. */
    private static Http.Reply keep(Http.Reply reply) {
        if (reply.status() == 200) {
            JsonNode session = reply.json();
            synchronized (refreshTokens) {
                refreshTokens.put(session.get("refreshToken").asString(), reply);
                accessTokens.put(session.get("accessToken").asString(), reply);
            }
        }
        return reply;
    }

    private static String log() {
        return output.getAll();
    }

    private static Set<String> refreshTokenHashes() {
        Set<String> hashes = new LinkedHashSet<>();
        refreshTokens.keySet().forEach(t -> hashes.add(RefreshTokens.hash(t)));
        return hashes;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(refreshTokens).hasSizeGreaterThanOrEqualTo(10);
        assertThat(sessionKeys).hasSizeGreaterThanOrEqualTo(10);
        assertThat(secrets).hasSize(dev.service().bean(Apps.class).all().size());
        assertThat(users)
                .contains(
                        List.of(QQ_APP_1, "leak-alice"),
                        List.of(QQ_APP_2, "leak-ivan"),
                        List.of(BAIDU_APP, "leak-alice"),
                        List.of(BAIDU_APP, "leak-judy"));
        assertThat(replies.stream().map(Http.Reply::status).distinct())
                .contains(200, 400, 401, 403, 404, 405, 413, 415, 429, 503);
        // The capture sees the service's log: the absence of secrets below means something.
        String anyUser = refreshTokens
                .values()
                .iterator()
                .next()
                .json()
                .get("user")
                .get("id")
                .asString();
        assertThat(log()).contains("Login user=" + anyUser).contains("DEV MODE");
    }

    @Test
    void noSessionKeyAppearsInTheLog() {
        String log = log();
        for (String key : sessionKeys) {
            assertThat(log).doesNotContain(key);
            assertThat(log)
                    .doesNotContain(Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Base64.getDecoder().decode(key)));
        }
    }

    @Test
    void noAppSecretAppearsInTheLog() {
        String log = log();
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void noRefreshTokenNorItsHashAppearsInTheLog() {
        String log = log();
        for (String token : refreshTokens.keySet()) {
            assertThat(log).doesNotContain(token);
        }
        for (String hash : refreshTokenHashes()) {
            assertThat(log).doesNotContain(hash);
        }
    }

    @Test
    void noAccessTokenAppearsInTheLog() {
        String log = log();
        for (String token : accessTokens.keySet()) {
            assertThat(log).doesNotContain(token);
            assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @Test
    void eachRefreshTokenAppearsOnlyInTheLoginAnswerThatIssuedIt() {
        for (Map.Entry<String, Http.Reply> issued : refreshTokens.entrySet()) {
            List<Http.Reply> carrying = replies.stream()
                    .filter(r -> r.body().contains(issued.getKey()))
                    .toList();
            assertThat(carrying).hasSize(1);
            assertThat(carrying.get(0)).isSameAs(issued.getValue());
            assertThat(replies).noneSatisfy(r -> assertThat(r.headerText()).contains(issued.getKey()));
        }
    }

    @Test
    void noAnswerCarriesASessionKeyASecretOrARefreshTokenHash() {
        Set<String> forbidden = new LinkedHashSet<>(sessionKeys);
        forbidden.addAll(secrets);
        forbidden.addAll(refreshTokenHashes());
        for (Http.Reply reply : replies) {
            for (String secret : forbidden) {
                assertThat(reply.body()).doesNotContain(secret);
                assertThat(reply.headerText()).doesNotContain(secret);
            }
            assertThat(reply.body()).doesNotContainIgnoringCase("session_key").doesNotContainIgnoringCase("sessionKey");
        }
    }

    @Test
    void storedSessionKeysAreSealedNotInClear() {
        List<Map<String, Object>> rows = dev.service()
                .jdbc()
                .sql("SELECT session_key, previous_session_key FROM wx_identities")
                .query()
                .listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            for (Object stored : row.values()) {
                if (stored == null) {
                    continue;
                }
                assertThat(stored.toString()).startsWith("v1.");
                for (String key : sessionKeys) {
                    assertThat(stored.toString()).doesNotContain(key);
                }
            }
        }
    }

    @Test
    void storedRefreshTokensAreHashesNotTokens() {
        List<String> stored = dev.service()
                .jdbc()
                .sql("SELECT token_hash FROM wx_refresh_tokens")
                .query(String.class)
                .list();
        assertThat(stored).containsAll(refreshTokenHashes());
        for (String token : refreshTokens.keySet()) {
            assertThat(stored).noneSatisfy(h -> assertThat(h).contains(token));
        }
    }

    @Test
    void noTableHoldsASessionKeyASecretOrARefreshTokenInClear() {
        Set<String> forbidden = new LinkedHashSet<>(sessionKeys);
        forbidden.addAll(secrets);
        forbidden.addAll(refreshTokens.keySet());
        List<String> tables = dev.service().tables();
        assertThat(tables.stream()
                        .map(t -> t.toUpperCase(java.util.Locale.ROOT))
                        .toList())
                .contains("WX_IDENTITIES", "WX_REFRESH_TOKENS", "WX_SIGNING_KEYS");
        for (String table : tables) {
            for (Map<String, Object> row :
                    dev.service().jdbc().sql("SELECT * FROM " + table).query().listOfRows()) {
                String text = row.toString();
                for (String secret : forbidden) {
                    assertThat(text).as("a row of %s", table).doesNotContain(secret);
                }
            }
        }
    }
}
