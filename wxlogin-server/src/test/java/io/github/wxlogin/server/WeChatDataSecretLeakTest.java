package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
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
 * "Secrets never leave the server", for the WeChat-data calls: after phone bindings (both forms),
 * decrypts (good and refused), rotated session_keys and access-token renewals (refused, superseded
 * and expired tokens, WeChat busy), with the service's own code and Spring MVC logging at DEBUG, no
 * WeChat access token, session_key or app secret is in the log or in any answer of the service.
 *
 * <p>The simulator does not show the access tokens it hands out; stable tokens are shared, so asking
 * {@code cgi-bin/stable_token} (without forcing) with the app's own secret after each renewal gives the
 * very token the service holds.
 */
@ExtendWith(OutputCaptureExtension.class)
class WeChatDataSecretLeakTest {

    private static final Map<String, Object> PROFILE = Map.of("nickName", "Leaky", "city", "Shenzhen");

    // Embedded suite only: DEVELOPERS.md ("The databases the tests use") says why.
    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--logging.level.io.github.wxlogin=DEBUG",
                    "--logging.level.org.springframework.web=DEBUG",
                    // One user walks every path of the costly calls: their per-user limits are off.
                    "--wxlogin.rate-limit.decrypt-per-user=0",
                    "--wxlogin.rate-limit.phone-per-user=0",
                    "--wxlogin.rate-limit.phone-per-user-daily=0")
            .databaseIndependent();

    static WeChatData wx;
    static CapturedOutput output;

    /** Every answer of the service, in order. */
    static final List<Http.Reply> replies = Collections.synchronizedList(new ArrayList<>());

    static final Set<String> accessTokens = new LinkedHashSet<>();
    static final Set<String> sessionKeys = new LinkedHashSet<>();
    static final Set<String> secrets = new LinkedHashSet<>();
    static int phones;

    @BeforeAll
    static void runWeChatDataTraffic(CapturedOutput captured) throws Exception {
        output = captured;
        wx = new WeChatData(dev.service());
        dev.http().onReply(replies::add);
        for (App app : dev.service().bean(Apps.class).all()) {
            secrets.add(app.secret());
        }

        // Logins in every app, with keys rotating, and a phone bound through each app.
        wx.rotateSessionKeys(true);
        Map<String, Tokens> byApp = new java.util.LinkedHashMap<>();
        for (String app : List.of(APP_1, APP_2, APP_3)) {
            byApp.put(app, login(app, "leak-phone-" + app));
            bind(byApp.get(app), app);
            keepToken(app);
        }
        Tokens alice = byApp.get(APP_1);

        // Open data: decrypted, then refused every way there is.
        JsonNode open = wx.openData(APP_1, "leak-phone-" + APP_1, PROFILE);
        wx.decrypt(alice, WeChatData.cipherOnly(open));
        wx.decrypt(
                alice,
                withRaw(
                        open,
                        open.get("rawData").asString(),
                        open.get("signature").asString()));
        wx.decrypt(alice, withRaw(open, open.get("rawData").asString(), "0".repeat(40)));
        wx.decrypt(alice, withRaw(open, open.get("rawData").asString(), null));
        Map<String, Object> tampered = WeChatData.cipherOnly(open);
        byte[] data = Base64.getDecoder().decode(open.get("encryptedData").asString());
        data[data.length - 17] ^= (byte) 0x80;
        tampered.put("encryptedData", Base64.getEncoder().encodeToString(data));
        wx.decrypt(alice, tampered);
        wx.decrypt(
                alice,
                Map.of("encryptedData", "not base64!", "iv", open.get("iv").asString()));
        wx.decrypt(alice, Map.of("encryptedData", open.get("encryptedData").asString(), "iv", "AAAAAAAAAAAAAAAAAAAA"));
        String aliceKey = dev.sim().sessionKey(APP_1, "leak-phone-" + APP_1);
        wx.decrypt(
                alice,
                WeChatData.encrypt(
                        aliceKey,
                        "{\"watermark\":{\"timestamp\":" + Instant.now().getEpochSecond() + ",\"appid\":\"" + APP_3
                                + "\"}}"));
        wx.decrypt(alice, WeChatData.encrypt(aliceKey, "not json"));
        // The key rotates under older data: the previous key serves, then neither does.
        Tokens again = login(APP_1, "leak-phone-" + APP_1);
        wx.decrypt(again, WeChatData.cipherOnly(open));
        login(APP_1, "leak-phone-" + APP_1);
        Tokens latest = login(APP_1, "leak-phone-" + APP_1);
        wx.decrypt(latest, WeChatData.cipherOnly(open));
        // The older form of phone binding, good and stale.
        wx.bindPhone(
                latest,
                WeChatData.cipherOnly(wx.openData(
                        APP_1,
                        "leak-phone-" + APP_1,
                        Map.of("phoneNumber", "13500000001", "purePhoneNumber", "13500000001", "countryCode", "86"))));
        wx.bindPhone(latest, WeChatData.cipherOnly(open));

        // Token renewals: an injected refusal (forced renewal), another holder's forced refresh, expiry.
        wx.failPhone(40001, 1);
        bind(latest, APP_1);
        keepToken(APP_1);
        wx.failPhone(42001, 2);
        bind(latest, APP_1);
        keepToken(APP_1);
        wx.advanceClock(31);
        accessTokens.add(wx.stableToken(APP_1, true));
        wx.advanceClock(301);
        bind(latest, APP_1);
        keepToken(APP_1);
        wx.advanceClock(7200);
        for (String app : List.of(APP_1, APP_2, APP_3)) {
            bind(byApp.get(app), app);
            keepToken(app);
        }
        // WeChat busy, a spent code, a number in use, an unknown code, malformed bodies.
        wx.failPhone(-1, 3);
        bind(latest, APP_1);
        String code = wx.phoneCode(APP_1, "leak-phone-" + APP_1, "13500000002");
        wx.bindPhone(latest, Map.of("code", code));
        wx.bindPhone(latest, Map.of("code", code));
        wx.bindPhone(byApp.get(APP_2), Map.of("code", wx.phoneCode(APP_2, "leak-phone-" + APP_2, "13500000002")));
        wx.bindPhone(latest, Map.of("code", "0123456789abcdef0123456789abcdef"));
        wx.bindPhone(latest.access(), "{}");
        wx.bindPhone(latest.access(), "{\"code\":");
        wx.bindPhone(null, "{\"code\":\"x\"}");
        for (Tokens tokens : byApp.values()) {
            dev.http().me(tokens.bearer());
        }
        for (String app : List.of(APP_1, APP_2, APP_3)) {
            keepToken(app);
        }
    }

    private static Tokens login(String appId, String user) {
        Tokens tokens = dev.service().login(appId, user);
        sessionKeys.add(dev.sim().sessionKey(appId, user));
        return tokens;
    }

    private static Http.Reply bind(Tokens tokens, String appId) {
        String number = String.format("135%08d", 100 + phones++);
        return wx.bindPhone(tokens, Map.of("code", wx.phoneCode(appId, "leak-phone-" + appId, number)));
    }

    /** The token the service holds for the app now (it has fetched one: stable tokens are shared). */
    private static void keepToken(String appId) {
        accessTokens.add(wx.stableToken(appId, false));
    }

    private static Map<String, Object> withRaw(JsonNode open, String rawData, String signature) {
        Map<String, Object> body = WeChatData.cipherOnly(open);
        body.put("rawData", rawData);
        if (signature != null) {
            body.put("signature", signature);
        }
        return body;
    }

    private static String log() {
        return output.getAll();
    }

    /** A value and the other spellings it could leak in. */
    private static Set<String> spellings(Set<String> values, boolean base64) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values) {
            out.add(value);
            if (base64) {
                byte[] raw = Base64.getDecoder().decode(value);
                out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
                out.add(HexFormat.of().formatHex(raw));
                out.add(value.replace("=", ""));
            }
        }
        return out;
    }

    @Test
    void trafficCoveredWhatItShould() {
        assertThat(accessTokens).as("tokens of three apps, renewed three ways").hasSizeGreaterThanOrEqualTo(7);
        assertThat(sessionKeys).hasSizeGreaterThanOrEqualTo(6);
        assertThat(secrets).hasSize(dev.service().bean(Apps.class).all().size());
        assertThat(replies.stream().map(Http.Reply::status).distinct()).contains(200, 400, 401, 409, 503);
        assertThat(replies.stream()
                        .filter(r -> r.body().contains("\"phoneNumber\""))
                        .count())
                .isGreaterThan(5);
        assertThat(replies.stream().filter(r -> r.body().contains("\"data\"")).count())
                .isGreaterThan(1);
        // The capture sees the service's log, at DEBUG: the absence of secrets below means something.
        assertThat(log())
                .contains(
                        "Phone bound to user=",
                        "Fetched a WeChat access token for app " + APP_1,
                        "renewing once",
                        "DEV MODE");
    }

    @Test
    void noWeChatAccessTokenIsInTheLog() {
        String log = log();
        for (String token : accessTokens) {
            assertThat(log).doesNotContain(token);
        }
    }

    @Test
    void noSessionKeyIsInTheLog() {
        String log = log();
        for (String key : spellings(sessionKeys, true)) {
            assertThat(log).doesNotContain(key);
        }
    }

    @Test
    void noAppSecretIsInTheLog() {
        String log = log();
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void noAnswerCarriesAnAccessTokenASessionKeyOrASecret() {
        Set<String> forbidden = new LinkedHashSet<>(accessTokens);
        forbidden.addAll(spellings(sessionKeys, true));
        forbidden.addAll(secrets);
        for (Http.Reply reply : List.copyOf(replies)) {
            for (String secret : forbidden) {
                assertThat(reply.body()).as("%s", reply.status()).doesNotContain(secret);
                assertThat(reply.headerText()).doesNotContain(secret);
            }
            // No field of that name either (the words themselves appear in session_key_stale's detail).
            assertThat(reply.body())
                    .doesNotContainIgnoringCase("\"access_token\"")
                    .doesNotContainIgnoringCase("\"session_key\"")
                    .doesNotContainIgnoringCase("\"sessionKey\"");
        }
    }

    @Test
    void noTableHoldsAnAccessTokenOrASessionKeyInClear() {
        Set<String> forbidden = new LinkedHashSet<>(accessTokens);
        forbidden.addAll(sessionKeys);
        forbidden.addAll(secrets);
        List<String> tables = dev.service().tables();
        assertThat(tables.stream()
                        .map(t -> t.toUpperCase(java.util.Locale.ROOT))
                        .toList())
                .contains("WX_USERS", "WX_IDENTITIES");
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
