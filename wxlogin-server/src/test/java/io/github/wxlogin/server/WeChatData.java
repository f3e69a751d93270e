package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.crypto.OpenDataEncryptor;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the WeChat-data tests ask of a dev-mode service and its simulator, beyond {@link Sim}: phone
 * codes with a chosen number, open data, the simulator's settings, clock and stats, WeChat's token
 * endpoint asked directly (as another holder of the app's credentials would), and the two calls under
 * test, {@code POST /v1/me/phone} and {@code POST /v1/me/decrypt}.
 */
final class WeChatData {

    static final String PHONE_API = "/wxa/business/getuserphonenumber";
    static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    static final String TOKEN = "/cgi-bin/token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestService service;
    private final Http sim;

    WeChatData(TestService service) {
        this.service = service;
        this.sim = service.sim().http();
    }

    /** A getPhoneNumber code for the user; a null number or country code is left to the simulator. */
    String phoneCode(String appId, String user, String phoneNumber, String countryCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        if (phoneNumber != null) {
            body.put("phoneNumber", phoneNumber);
        }
        if (countryCode != null) {
            body.put("countryCode", countryCode);
        }
        Http.Reply r = sim.postJson("/sim/phone-code", body);
        assertThat(r.status()).as("/sim/phone-code %s", r).isEqualTo(200);
        return r.json().get("code").asString();
    }

    String phoneCode(String appId, String user, String phoneNumber) {
        return phoneCode(appId, user, phoneNumber, null);
    }

    /** {@code {"encryptedData","iv","rawData","signature"}} of {@code data} under the user's current session_key. */
    JsonNode openData(String appId, String user, Map<String, ?> data) {
        Http.Reply r = sim.postJson("/sim/open-data", Map.of("appId", appId, "user", user, "data", data));
        assertThat(r.status()).as("/sim/open-data %s", r).isEqualTo(200);
        return r.json();
    }

    /** Open data encrypted by the test itself: any plaintext, under a session_key the test chose. */
    static Map<String, Object> encrypt(String sessionKey, String plaintext) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        byte[] data = OpenDataEncryptor.encrypt(Base64.getDecoder().decode(sessionKey), iv, plaintext);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encryptedData", Base64.getEncoder().encodeToString(data));
        body.put("iv", Base64.getEncoder().encodeToString(iv));
        return body;
    }

    /** Whole blocks encrypted as they are, no padding added: plaintext WeChat would never send. */
    static Map<String, Object> encryptBlocks(String sessionKey, byte[] blocks) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        byte[] data = OpenDataEncryptor.encryptBlocks(Base64.getDecoder().decode(sessionKey), iv, blocks);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encryptedData", Base64.getEncoder().encodeToString(data));
        body.put("iv", Base64.getEncoder().encodeToString(iv));
        return body;
    }

    /** {@code {"encryptedData","iv"}} of an open-data answer, to post as is. */
    static Map<String, Object> cipherOnly(JsonNode openData) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encryptedData", openData.get("encryptedData").asString());
        body.put("iv", openData.get("iv").asString());
        return body;
    }

    void rotateSessionKeys(boolean rotate) {
        Http.Reply r = sim.postJson("/sim/settings", Map.of("rotateSessionKey", rotate));
        assertThat(r.status()).as("/sim/settings %s", r).isEqualTo(204);
    }

    void advanceClock(long seconds) {
        Http.Reply r = sim.postJson("/sim/clock", Map.of("advanceSeconds", seconds));
        assertThat(r.status()).as("/sim/clock %s", r).isEqualTo(204);
    }

    /** Calls the simulator has had on a WeChat path. */
    long calls(String path) {
        return service.sim().calls(path);
    }

    /** The next {@code count} getuserphonenumber calls answer {@code errcode}. */
    void failPhone(int errcode, int count) {
        service.sim().fault(Map.of("path", PHONE_API, "errcode", errcode, "count", count));
    }

    App app(String appId) {
        return service.bean(Apps.class).find(appId).orElseThrow();
    }

    /**
     * Asks WeChat's {@code cgi-bin/stable_token} directly with the app's own credentials. Stable tokens
     * are shared: without {@code force} this is the token the service holds (once it has fetched one).
     */
    String stableToken(String appId, boolean force) {
        App app = app(appId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", app.appId());
        body.put("secret", app.secret());
        body.put("force_refresh", force);
        Http.Reply r = sim.postJson(STABLE_TOKEN, body);
        assertThat(r.status()).isEqualTo(200);
        JsonNode token = r.json().get("access_token");
        assertThat(token)
                .as("stable_token answer (errcode %s)", r.json().get("errcode"))
                .isNotNull();
        return token.asString();
    }

    Http.Reply bindPhone(Tokens tokens, Map<String, ?> body) {
        return bindPhone(tokens.access(), Http.JSON.writeValueAsString(body));
    }

    Http.Reply bindPhone(String accessToken, String json) {
        return service.http().withBearer("POST", "/v1/me/phone", accessToken, json);
    }

    /** Binds with a fresh phone code for this number, and checks it worked. */
    JsonNode bindWithCode(Tokens tokens, String appId, String user, String phoneNumber) {
        Http.Reply r = bindPhone(tokens, Map.of("code", phoneCode(appId, user, phoneNumber)));
        assertThat(r.status()).as("bind %s", r).isEqualTo(200);
        return r.json();
    }

    Http.Reply decrypt(Tokens tokens, Map<String, ?> body) {
        return decrypt(tokens.access(), Http.JSON.writeValueAsString(body));
    }

    Http.Reply decrypt(String accessToken, String json) {
        return service.http().withBearer("POST", "/v1/me/decrypt", accessToken, json);
    }

    /** {@code GET /v1/me}, which must succeed. */
    JsonNode me(Tokens tokens) {
        Http.Reply r = service.http().me(tokens.bearer());
        assertThat(r.status()).as("/v1/me %s", r).isEqualTo(200);
        return r.json();
    }

    /** The phone number the database holds for a user, or null. */
    String storedPhone(String userId) {
        return service.jdbc()
                .sql("SELECT phone_number FROM wx_users WHERE id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
