package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the session-key tests ask of a dev-mode service and its simulator: WeChat's key moved behind the
 * service's back (a code exchanged at WeChat directly, as a second {@code wx.login()} whose code never
 * reached the service), the admin reset, and the encrypted network channel's both ends (the simulator's
 * {@code /sim/user-key} and {@code /sim/channel-encrypt} for the phone, {@code POST /v1/me/channel/decrypt}).
 */
final class SessionKeyData {

    static final String CHECK_SESSION = "/wxa/checksession";
    static final String RESET_SESSION_KEY = "/wxa/resetusersessionkey";
    static final String USER_ENCRYPT_KEY = "/wxa/business/getuserencryptkey";

    private final TestService service;
    private final Http sim;
    private final WeChatData wx;

    SessionKeyData(TestService service) {
        this.service = service;
        this.sim = service.sim().http();
        this.wx = new WeChatData(service);
    }

    /**
     * WeChat gives the user a new session_key the service never hears of: with rotation on, a fresh
     * {@code wx.login()} code is exchanged at {@code jscode2session} directly with the app's credentials.
     */
    void rotateBehindTheService(String appId, String user) {
        wx.rotateSessionKeys(true);
        try {
            App app = service.bean(Apps.class).find(appId).orElseThrow();
            String before = service.sim().sessionKey(appId, user);
            Http.Reply r = sim.get("/sns/jscode2session?appid=" + enc(appId) + "&secret=" + enc(app.secret())
                    + "&js_code=" + enc(service.sim().code(appId, user)) + "&grant_type=authorization_code");
            assertThat(r.status()).isEqualTo(200);
            assertThat(service.sim().sessionKey(appId, user))
                    .as("WeChat's key moved")
                    .isNotEqualTo(before);
        } finally {
            wx.rotateSessionKeys(false);
        }
    }

    /** {@code POST /admin/v1/users/{id}/reset-session-key} with a JSON body, or none when null. */
    Http.Reply reset(String userId, String json) {
        return service.admin().call("POST", "/users/" + userId + "/reset-session-key", json);
    }

    /** What {@code getLatestUserKey} gives the mini program now: encryptKey, iv, version, expireTime. */
    JsonNode latestKey(String appId, String user) {
        Http.Reply r = sim.get("/sim/user-key?appId=" + enc(appId) + "&user=" + enc(user));
        assertThat(r.status()).as("/sim/user-key %s", r).isEqualTo(200);
        return r.json();
    }

    /** {@code {"encryptedData","iv","version"}}: {@code data} encrypted by the phone with that key version (null: the newest). */
    JsonNode channelEncrypt(String appId, String user, Object data, Long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        body.put("data", data);
        if (version != null) {
            body.put("version", version);
        }
        Http.Reply r = sim.postJson("/sim/channel-encrypt", body);
        assertThat(r.status()).as("/sim/channel-encrypt %s", r).isEqualTo(200);
        return r.json();
    }

    Http.Reply channelDecrypt(Tokens tokens, Map<String, ?> body) {
        return channelDecrypt(tokens.access(), Http.JSON.writeValueAsString(body));
    }

    Http.Reply channelDecrypt(String accessToken, String json) {
        return service.http().withBearer("POST", "/v1/me/channel/decrypt", accessToken, json);
    }

    /** The encrypted answer of {@link #channelEncrypt}, as the body to post. */
    static Map<String, Object> body(JsonNode encrypted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encryptedData", encrypted.get("encryptedData").asString());
        body.put("iv", encrypted.get("iv").asString());
        body.put("version", encrypted.get("version").asLong());
        return body;
    }

    /** Moves the simulator's clock (its keys rotate every 3,600 s of it). */
    void advanceSimClock(long seconds) {
        wx.advanceClock(seconds);
    }

    long calls(String path) {
        return service.sim().calls(path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
