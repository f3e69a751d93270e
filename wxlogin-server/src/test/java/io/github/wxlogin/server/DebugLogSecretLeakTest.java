package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.crypto.MasterKeys;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.simulator.DemoApps;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.lang.reflect.Field;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * "Secrets never leave the server", with every logger at DEBUG (the service's own at TRACE), as an
 * operator chasing a problem would run it: every endpoint and error path is driven (logins new and
 * returning, refresh, a reused refresh token, logout, profile, both forms of phone binding, decrypts
 * good and refused, sessions, the admin API allowed and refused, WeChat's errors and failures, the
 * WeChat access token fetched and renewed on 40001, malformed requests that carry secrets), and then
 * the whole output of the process holds no app secret, session_key, WeChat access token, access or
 * refresh token (nor a refresh token's hash), master key or admin token, in any spelling it could take
 * (URL-encoded, base64url, hex).
 *
 * <p>{@link SecretLeakTest} and {@link WeChatDataSecretLeakTest} run at the service's and Spring MVC's
 * DEBUG; this one turns on every library's DEBUG (Tomcat, Spring, Hikari, JDBC drivers, the JDK's
 * loggers through the JUL bridge) and adds the admin API, the master key and the admin token.
 */
@ExtendWith(OutputCaptureExtension.class)
class DebugLogSecretLeakTest {

    static final String ADMIN_TOKEN = "debug-admin-" + UUID.randomUUID();
    static final Map<String, Object> PROFILE = Map.of("nickName", "Debuggy", "city", "Hangzhou");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(
            ADMIN_TOKEN,
            "--logging.level.root=DEBUG",
            "--logging.level.io.github.wxlogin=TRACE",
            "--wxlogin.rate-limit.per-ip=0",
            // One user walks every error path of the costly calls: their per-user limits are off.
            "--wxlogin.rate-limit.decrypt-per-user=0",
            "--wxlogin.rate-limit.phone-per-user=0",
            "--wxlogin.rate-limit.phone-per-user-daily=0",
            // First logins of APP_3 are ranked (getuserriskrank, with the WeChat access token).
            "--wxlogin.wechat.risk.apps." + APP_3 + ".policy=refuse",
            "--wxlogin.wechat.risk.apps." + APP_3 + ".refuse-at=4");

    static WeChatData wx;
    /** The whole output of the process once the traffic is done, before the checks ask anything more. */
    static String log;

    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());
    static final Set<String> sessionKeys = new LinkedHashSet<>();
    /** The encrypt keys of the encrypted network channel the traffic used. */
    static final Set<String> encryptKeys = new LinkedHashSet<>();

    static final Set<String> weChatAccessTokens = new LinkedHashSet<>();
    static final Set<String> accessTokens = new LinkedHashSet<>();
    static final Set<String> refreshTokens = new LinkedHashSet<>();
    static final Set<String> appSecrets = new LinkedHashSet<>();
    /** wx.login() and getPhoneNumber codes: single use, but good for 5 minutes to whoever reads them. */
    static final Set<String> codes = new LinkedHashSet<>();

    static String masterKey;

    @BeforeAll
    static void runEveryEndpointAndErrorPath(CapturedOutput output) throws Exception {
        wx = new WeChatData(dev.service());
        Http http = dev.http();
        http.onReply(reply -> {
            replies.add(reply);
            keepTokens(reply);
        });
        wx.rotateSessionKeys(true);

        // Logins: new, returning, the same person through another app of the group, an app with no group.
        Tokens alice = login(APP_1, "debug-alice");
        login(APP_2, "debug-alice");
        login(APP_3, "debug-alice");
        alice = login(APP_1, "debug-alice");
        Tokens bob = login(APP_1, "debug-bob");
        Tokens bobElsewhere = login(APP_1, "debug-bob");

        // Refresh, the spent refresh token again (a retry within the grace: a new successor), then the
        // successor the retry revoked: theft, the session ends.
        Tokens carol = login(APP_2, "debug-carol");
        Tokens carolRefreshed = dev.service().refresh(carol);
        http.refresh(carol.refresh());
        http.refresh(carolRefreshed.refresh());
        // Logout, then the ended session's token.
        Tokens dave = login(APP_1, "debug-dave");
        http.logout(dave.access());
        http.me(dave.bearer());

        // Profile.
        http.me(alice.bearer());
        http.withBearer(
                "PATCH",
                "/v1/me",
                alice.access(),
                "{\"nickname\":\"Alice\",\"avatarUrl\":\"https://example.com/a.png\"}");
        http.withBearer(
                "PATCH", "/v1/me", alice.access(), "{\"nickname\":\"\",\"avatarUrl\":\"http://example.com/a.png\"}");

        // Phone binding: the button's code (the first fetches the WeChat access token), then the older
        // encryptedData + iv form, good and under a stale key.
        wx.bindWithCode(alice, APP_1, "debug-alice", "13900000001");
        keepSessionKey(APP_1, "debug-alice");
        wx.bindPhone(
                alice,
                WeChatData.cipherOnly(wx.openData(
                        APP_1,
                        "debug-alice",
                        Map.of("phoneNumber", "13900000002", "purePhoneNumber", "13900000002", "countryCode", "86"))));
        wx.bindPhone(bob, Map.of("code", phoneCode(APP_1, "debug-bob", "13900000002")));
        wx.bindPhone(bob, Map.of("code", "0123456789abcdef0123456789abcdef"));

        // Decrypt: good (with and without the signature), tampered, another app's watermark, not JSON.
        JsonNode open = wx.openData(APP_1, "debug-alice", PROFILE);
        wx.decrypt(alice, WeChatData.cipherOnly(open));
        Map<String, Object> signed = WeChatData.cipherOnly(open);
        signed.put("rawData", open.get("rawData").asString());
        signed.put("signature", open.get("signature").asString());
        wx.decrypt(alice, signed);
        signed.put("signature", "0".repeat(40));
        wx.decrypt(alice, signed);
        Map<String, Object> tampered = WeChatData.cipherOnly(open);
        byte[] data = Base64.getDecoder().decode(open.get("encryptedData").asString());
        data[data.length - 17] ^= (byte) 0x80;
        tampered.put("encryptedData", Base64.getEncoder().encodeToString(data));
        wx.decrypt(alice, tampered);
        String aliceKey = dev.sim().sessionKey(APP_1, "debug-alice");
        wx.decrypt(
                alice,
                WeChatData.encrypt(
                        aliceKey,
                        "{\"watermark\":{\"timestamp\":" + Instant.now().getEpochSecond() + ",\"appid\":\"" + APP_3
                                + "\"}}"));
        wx.decrypt(alice, WeChatData.encrypt(aliceKey, "not json"));
        // The key rotates twice under the data: WeChat's checksession says the key is current, the data old.
        login(APP_1, "debug-alice");
        alice = login(APP_1, "debug-alice");
        wx.decrypt(alice, WeChatData.cipherOnly(open));
        wx.bindPhone(alice, WeChatData.cipherOnly(open));
        // WeChat's key moves behind the service's back: checksession says stale (87009), as a fact.
        SessionKeyData keys = new SessionKeyData(dev.service());
        Tokens mia = login(APP_1, "debug-mia");
        keys.rotateBehindTheService(APP_1, "debug-mia");
        keepSessionKey(APP_1, "debug-mia");
        wx.decrypt(mia, WeChatData.cipherOnly(wx.openData(APP_1, "debug-mia", PROFILE)));
        // The admin reset: refused while the stored key is stale, then done after a login.
        dev.service().admin().call("POST", "/users/" + mia.userId() + "/reset-session-key", null);
        mia = login(APP_1, "debug-mia");
        dev.service().admin().call("POST", "/users/" + mia.userId() + "/reset-session-key", "{}");
        keepSessionKey(APP_1, "debug-mia");
        // The encrypted network channel: the user's encrypt keys listed, data opened, an unknown version.
        JsonNode userKey = keys.latestKey(APP_1, "debug-mia");
        encryptKeys.add(userKey.get("encryptKey").asString());
        JsonNode channelData = keys.channelEncrypt(APP_1, "debug-mia", PROFILE, null);
        keys.channelDecrypt(mia, SessionKeyData.body(channelData));
        Map<String, Object> unknownVersion = SessionKeyData.body(channelData);
        unknownVersion.put("version", 999_999);
        keys.channelDecrypt(mia, unknownVersion);
        keys.advanceSimClock(3600);
        keys.channelDecrypt(mia, SessionKeyData.body(keys.channelEncrypt(APP_1, "debug-mia", "text", null)));
        encryptKeys.add(keys.latestKey(APP_1, "debug-mia").get("encryptKey").asString());

        // Sessions: listed, one ended, one not the caller's.
        http.get("/v1/sessions", "Authorization", bob.bearer());
        http.withBearer("DELETE", "/v1/sessions/" + bobElsewhere.sid(), bob.access(), null);
        http.withBearer("DELETE", "/v1/sessions/" + alice.sid(), bob.access(), null);

        // The admin API: every call, then refused credentials (the admin token's near misses included).
        Admin admin = dev.service().admin();
        admin.user(alice.userId());
        admin.search("openid", alice.user().get("openid").asString(), "appId", APP_1);
        admin.search(
                "unionid",
                dev.sim().session(APP_1, "debug-alice").get("unionid").asString());
        admin.search("phone", "13900000002");
        admin.search("openid", "x", "phone", "y");
        admin.disable(bob.userId());
        http.login(APP_1, code(APP_1, "debug-bob"));
        http.refresh(bob.refresh());
        admin.enable(bob.userId());
        bob = login(APP_1, "debug-bob");
        admin.endSessions(bob.userId());
        admin.audit("limit", "3");
        admin.audit("limit", "0");
        admin.rotateSigningKey();
        admin.as(ADMIN_TOKEN + "x").audit();
        admin.as(ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1)).user(alice.userId());
        admin.as(alice.access()).rotateSigningKey();
        admin.as(null).audit();
        http.call(
                "GET",
                "/admin/v1/audit",
                null,
                null,
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8)));
        alice = login(APP_1, "debug-alice");

        // WeChat's errors and failures at login.
        String busy = code(APP_1, "debug-erin");
        dev.sim().failCode2Session(-1, 3);
        http.login(APP_1, busy);
        http.login(APP_1, busy);
        for (int errcode : new int[] {40029, 45011, 40226, 40125, 40013}) {
            dev.sim().failCode2Session(errcode, 1);
            http.login(APP_2, code(APP_2, "debug-frank"));
        }
        dev.sim().failCode2SessionWithHttp(500, 1);
        http.login(APP_3, code(APP_3, "debug-grace"));
        dev.sim().risky(APP_1, "debug-heidi");
        http.login(APP_1, code(APP_1, "debug-heidi"));
        http.login(APP_1, "0123456789abcdefghijklmnopqrstuv");
        // ...and at phone binding, with the access token renewed on 40001 (once, then refused twice).
        for (int errcode : new int[] {-1, 45011, 40226, 40029, 40163}) {
            wx.failPhone(errcode, errcode == -1 ? 3 : 1);
            bind(alice, APP_1, "debug-alice");
        }
        wx.failPhone(40001, 1);
        bind(alice, APP_1, "debug-alice");
        wx.failPhone(40001, 2);
        bind(alice, APP_1, "debug-alice");
        dev.sim().fault(Map.of("path", WeChatData.STABLE_TOKEN, "errcode", -1, "count", 3));
        wx.failPhone(40001, 1);
        bind(alice, APP_1, "debug-alice");
        wx.advanceClock(7200);
        bind(login(APP_2, "debug-alice"), APP_2, "debug-alice");
        bind(login(APP_3, "debug-ivan"), APP_3, "debug-ivan");
        // ...and at a ranked first login: the token renewed on 40001, WeChat busy, a refused rank.
        dev.sim().fault(Map.of("path", "/wxa/getuserriskrank", "errcode", 40001, "count", 1));
        login(APP_3, "debug-kate");
        dev.sim().fault(Map.of("path", "/wxa/getuserriskrank", "errcode", -1, "count", 3));
        login(APP_3, "debug-leo");
        dev.sim().http().postJson("/sim/risk-rank", Map.of("appId", APP_3, "user", "debug-mia", "rank", 4));
        http.login(APP_3, code(APP_3, "debug-mia"));

        // Malformed requests that carry secrets: tokens unquoted or in the wrong place, an oversized
        // head around a real token, a body over the limit holding one.
        Tokens judy = login(APP_1, "debug-judy");
        http.postJson("/v1/auth/refresh", "{\"refreshToken\":" + judy.refresh() + "}");
        http.postJson("/v1/auth/refresh", "{\"refreshToken\":[\"" + judy.refresh() + "\"]}");
        http.postJson("/v1/auth/refresh", "{\"refreshToken\":\"" + judy.refresh() + "\"");
        http.post(
                "/v1/auth/refresh",
                "text/plain",
                ("{\"refreshToken\":\"" + judy.refresh() + "\"}").getBytes(StandardCharsets.UTF_8));
        http.postJson(
                "/v1/auth/refresh",
                "{\"refreshToken\":\"" + judy.refresh() + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        http.withBearer("POST", "/v1/me/decrypt", judy.access(), "{\"encryptedData\":" + judy.access() + "}");
        http.me("Bearer " + judy.access() + "x");
        http.me("Bearer " + judy.access() + " " + judy.refresh());
        http.me("Bearer " + judy.refresh());
        http.me(judy.access());
        http.raw(
                "GET",
                "/v1/me",
                List.of("Authorization: Bearer " + judy.access(), "X-Pad: " + "p".repeat(20_000)),
                null);
        http.raw("CONNECT", "/v1/me", List.of("Authorization: Bearer " + judy.access()), null);
        http.get("/.well-known/jwks.json");
        http.get("/.well-known/openid-configuration");
        http.get("/actuator/health");

        // Identities: listed, linked (again, then another user's), unlinked, the last one kept; a merge.
        Tokens kim = login(APP_1, "debug-kim");
        link(kim, APP_3, "debug-kim-3");
        link(kim, APP_3, "debug-kim-3");
        link(kim, APP_3, "debug-ivan");
        JsonNode kims =
                http.withBearer("GET", "/v1/me/identities", kim.access(), null).json();
        // Newest first: app 3's goes, then app 1's, the last, stays.
        for (int i = kims.get("identities").size() - 1; i >= 0; i--) {
            String id = kims.get("identities").get(i).get("id").asString();
            http.withBearer("DELETE", "/v1/me/identities/" + id, kim.access(), null);
        }
        Tokens lena = login(APP_3, "debug-lena");
        admin.merge(lena.userId(), kim.userId());
        admin.merge(lena.userId(), alice.userId());

        // Kuaishou: its form POST carries the secret and the code in the body; a login, a refusal, a
        // failure retried, and the phone button's encryptedData (KuaishouSecretLeakTest has the rest).
        KuaishouSim kuaishou = new KuaishouSim(dev::sim);
        Tokens kai = login(DemoApps.KUAISHOU_APP, "debug-kai");
        kuaishou.fail(100200101, 1);
        http.login(DemoApps.KUAISHOU_APP, code(DemoApps.KUAISHOU_APP, "debug-kai"));
        kuaishou.fail(100200500, 3);
        http.login(DemoApps.KUAISHOU_APP, code(DemoApps.KUAISHOU_APP, "debug-kai"));
        wx.bindPhone(kai, kuaishou.phone(DemoApps.KUAISHOU_APP, "debug-kai", "13900139199"));
        keepSessionKey(DemoApps.KUAISHOU_APP, "debug-kai");
        // Baidu: logins, a replay, every simulated refusal and failure at jscode2sessionkey, its open data
        // (good, under another app's trailer), the phone button's encryptedData, and a phone code it has not.
        BaiduSim baidu = new BaiduSim(dev::sim);
        Tokens du = login(BAIDU_APP, "debug-du");
        login(BAIDU_APP, "debug-du");
        String baiduReplayed = code(BAIDU_APP, "debug-du-replay");
        http.login(BAIDU_APP, baiduReplayed);
        http.login(BAIDU_APP, baiduReplayed);
        for (int errno : new int[] {10010100, 10010101, 10010102, 10010103, 12345}) {
            baidu.fail(errno, errno == 10010103 ? 3 : 1);
            http.login(BAIDU_APP, code(BAIDU_APP, "debug-du-" + errno));
        }
        baidu.failWithHttp(502, 1);
        http.login(BAIDU_APP, code(BAIDU_APP, "debug-du-502"));
        du = login(BAIDU_APP, "debug-du");
        wx.decrypt(du, baidu.openData(BAIDU_APP, "debug-du", PROFILE));
        wx.decrypt(
                du,
                BaiduSim.encrypt(dev.sim().sessionKey(BAIDU_APP, "debug-du"), "{\"nickname\":\"x\"}", "otherAppKey"));
        wx.bindPhone(du, baidu.phoneData(BAIDU_APP, "debug-du", "13900009999"));
        wx.bindPhone(du, Map.of("code", "baidu-has-no-phone-code"));

        // What the run saw, before anything else is asked of the service.
        log = output.getAll();

        for (App app : dev.service().bean(Apps.class).all()) {
            appSecrets.add(app.secret());
        }
        weChatAccessTokens.addAll(issuedWeChatAccessTokens());
        masterKey = Files.readString(dev.dataDir().resolve(MasterKeys.FILE_NAME), StandardCharsets.US_ASCII)
                .strip();
    }

    private static String code(String appId, String user) {
        String code = dev.sim().code(appId, user);
        codes.add(code);
        return code;
    }

    /** {@code POST /v1/me/identities} with a fresh code of the user in the app; its session_key is kept. */
    private static Http.Reply link(Tokens caller, String appId, String user) {
        String code = code(appId, user);
        Http.Reply reply = dev.http()
                .withBearer(
                        "POST",
                        "/v1/me/identities",
                        caller.access(),
                        "{\"appId\":\"" + appId + "\",\"code\":\"" + code + "\"}");
        keepSessionKey(appId, user);
        return reply;
    }

    private static String phoneCode(String appId, String user, String number) {
        String code = wx.phoneCode(appId, user, number);
        codes.add(code);
        return code;
    }

    /** A login that must succeed; the user's session_key (rotating at each login) is kept. */
    private static Tokens login(String appId, String user) {
        Tokens tokens = dev.service().login(appId, user);
        keepSessionKey(appId, user);
        return tokens;
    }

    private static void keepSessionKey(String appId, String user) {
        sessionKeys.add(dev.sim().sessionKey(appId, user));
    }

    private static int phones;

    private static Http.Reply bind(Tokens tokens, String appId, String user) {
        String number = String.format("139%08d", 100 + phones++);
        return wx.bindPhone(tokens, Map.of("code", phoneCode(appId, user, number)));
    }

    /** The access and refresh tokens of every session answer. */
    private static void keepTokens(Http.Reply reply) {
        if (reply.status() != 200 || !reply.contentType().startsWith("application/json")) {
            return;
        }
        JsonNode body = reply.json();
        if (body.has("accessToken") && body.has("refreshToken")) {
            accessTokens.add(body.get("accessToken").asString());
            refreshTokens.add(body.get("refreshToken").asString());
        }
    }

    /**
     * Every access token the simulator has handed out, current, superseded or expired: it has no control
     * that lists them, so they are read from its token table by reflection. The check below that the
     * service's current token is among them keeps this honest should the simulator change.
     */
    @SuppressWarnings("unchecked")
    static Set<String> issuedWeChatAccessTokens() throws ReflectiveOperationException {
        WeChatSimulator simulator = dev.service().bean(WeChatSimulator.class);
        Field tokens = WeChatSimulator.class.getDeclaredField("tokens");
        tokens.setAccessible(true);
        Object table = tokens.get(simulator);
        Field byToken = table.getClass().getDeclaredField("byToken");
        byToken.setAccessible(true);
        return new LinkedHashSet<>(((Map<String, ?>) byToken.get(table)).keySet());
    }

    // ---------------------------------------------------------------- the checks

    @Test
    void trafficCoveredEveryEndpointAndErrorPath() {
        assertThat(replies.stream().map(Http.Reply::status).distinct())
                .contains(200, 204, 400, 401, 403, 404, 405, 409, 413, 415, 429, 503);
        assertThat(replies.stream()
                        .map(r -> r.status() >= 400 ? r.json().get("code").asString() : "ok")
                        .distinct())
                .contains(
                        "invalid_request",
                        "invalid_code",
                        "invalid_token",
                        "token_reused",
                        "user_disabled",
                        "user_blocked",
                        // Open data of another app's watermark is invalid_request now (no oracle; WeChat
                        // confirms the key), and the simulator always watermarks a phone number for the
                        // app that asks: no watermark_mismatch can be made over HTTP.
                        "session_key_stale",
                        "phone_in_use",
                        "identity_in_use",
                        "last_identity",
                        "rate_limited",
                        "upstream_unavailable",
                        "not_found",
                        "payload_too_large",
                        "unsupported_media_type");
        assertThat(sessionKeys).hasSizeGreaterThanOrEqualTo(8);
        assertThat(weChatAccessTokens).as("a token per app, renewed").hasSizeGreaterThanOrEqualTo(4);
        assertThat(accessTokens).hasSizeGreaterThanOrEqualTo(15);
        assertThat(refreshTokens).hasSameSizeAs(accessTokens);
        assertThat(appSecrets).hasSize(dev.service().bean(Apps.class).all().size());
        // The capture holds the service's log at DEBUG, libraries included: the absence of secrets means something.
        assertThat(log)
                .contains(
                        "DEV MODE",
                        "Login user="
                                + replies.stream()
                                        .filter(r ->
                                                r.status() == 200 && r.body().contains("\"newUser\""))
                                        .findFirst()
                                        .orElseThrow()
                                        .json()
                                        .get("user")
                                        .get("id")
                                        .asString(),
                        "Fetched a WeChat access token for app " + APP_1,
                        "renewing once",
                        "Admin access refused");
        assertThat(log.split(" DEBUG ", -1).length).as("DEBUG lines").isGreaterThan(1000);
        assertThat(log).containsPattern(" DEBUG .*\\] o\\.s\\.").containsPattern(" DEBUG .*\\] o\\.a\\.");
    }

    @Test
    void theSimulatorTokenTableHoldsTheTokenTheServiceUses() {
        // The apps whose token the service fetched after the simulator's clock last moved: still current.
        for (String appId : List.of(APP_2, APP_3)) {
            assertThat(weChatAccessTokens).contains(wx.stableToken(appId, false));
        }
    }

    @Test
    void noAppSecretIsInTheLog() {
        assertNoneInLog("app secret", spellings(appSecrets, false));
    }

    @Test
    void noSessionKeyIsInTheLog() {
        assertNoneInLog("session_key", spellings(sessionKeys, true));
    }

    @Test
    void noEncryptKeyIsInTheLog() {
        assertThat(encryptKeys).hasSizeGreaterThanOrEqualTo(2);
        assertNoneInLog("encrypt key", spellings(encryptKeys, true));
    }

    @Test
    void noWeChatAccessTokenIsInTheLog() {
        assertNoneInLog("WeChat access token", spellings(weChatAccessTokens, false));
    }

    @Test
    void noAccessTokenNorItsSignatureIsInTheLog() {
        Set<String> forms = spellings(accessTokens, false);
        for (String token : accessTokens) {
            forms.add(token.substring(token.lastIndexOf('.') + 1));
        }
        assertNoneInLog("access token", forms);
    }

    @Test
    void noRefreshTokenNorItsHashIsInTheLog() {
        Set<String> forms = spellings(refreshTokens, false);
        refreshTokens.forEach(t -> forms.add(RefreshTokens.hash(t)));
        assertNoneInLog("refresh token", forms);
    }

    @Test
    void noLoginOrPhoneCodeIsInTheLog() {
        assertThat(codes).hasSizeGreaterThanOrEqualTo(5);
        assertNoneInLog("code", spellings(codes, false));
    }

    @Test
    void neitherTheMasterKeyNorTheAdminTokenIsInTheLog() {
        assertNoneInLog("master key", spellings(Set.of(masterKey), true));
        assertNoneInLog("admin token", spellings(Set.of(ADMIN_TOKEN), false));
    }

    /** A value and the other spellings it could leak in: URL-encoded, and for base64 its base64url and hex forms. */
    static Set<String> spellings(Set<String> values, boolean base64) {
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

    /** Fails naming where each leaked value sits in the log (the value itself masked), not with the whole log. */
    static void assertNoneInLog(String what, Set<String> forms) {
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
