package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** A simulator on a fixed clock, driven through {@link WeChatSimulator#handle}, with the calls tests repeat. */
final class TestSim {

    /** A whole minute, so minute-quota windows in tests start at a known point. */
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    static final String APP_1 = DemoApps.APP_1;
    static final String APP_2 = DemoApps.APP_2;
    static final String APP_3 = DemoApps.APP_3;

    final WeChatSimulator sim;

    TestSim() {
        this(settings());
    }

    TestSim(SimulatorSettings settings) {
        this.sim = new WeChatSimulator(settings);
    }

    static SimulatorSettings settings() {
        return SimulatorSettings.defaults(DemoApps.fixed()).withClock(Clock.fixed(START, ZoneOffset.UTC));
    }

    static String secret(String appId) {
        return DemoApps.fixedSecret(appId);
    }

    /** A query string from name, value pairs; a null value leaves the pair out. */
    static String query(String... pairs) {
        StringJoiner q = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    SimResponse get(String path, String... pairs) {
        return sim.handle(SimRequest.of("GET", path, query(pairs)));
    }

    SimResponse post(String path, String json) {
        return post(path, null, json);
    }

    SimResponse post(String path, String rawQuery, String json) {
        return sim.handle(new SimRequest("POST", path, rawQuery, json.getBytes(StandardCharsets.UTF_8)));
    }

    SimResponse delete(String path) {
        return sim.handle(SimRequest.of("DELETE", path, null));
    }

    static JsonNode json(SimResponse response) {
        assertThat(response.contentType()).isEqualTo("application/json; charset=UTF-8");
        return Json.MAPPER.readTree(response.body());
    }

    /** The errcode of a WeChat error answer, checking it has WeChat's shape. */
    static int errcode(SimResponse response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.has("errcode")).as("errcode in %s", response.bodyText()).isTrue();
        assertThat(body.get("errmsg").asString()).matches(".+, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
        return body.get("errcode").asInt();
    }

    /** A WeChat success body, checking it carries no errcode. */
    static JsonNode success(SimResponse response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.has("errcode"))
                .as("no errcode in %s", response.bodyText())
                .isFalse();
        return body;
    }

    String login(String appId, String user) {
        SimResponse r = post("/sim/login", "{\"appId\":\"" + appId + "\",\"user\":\"" + user + "\"}");
        assertThat(r.status()).isEqualTo(200);
        return json(r).get("code").asString();
    }

    SimResponse code2Session(String appId, String code) {
        return get(
                "/sns/jscode2session",
                "appid",
                appId,
                "secret",
                secret(appId),
                "js_code",
                code,
                "grant_type",
                "authorization_code");
    }

    /** Logs the user in and exchanges the code, returning WeChat's success body. */
    JsonNode signIn(String appId, String user) {
        return success(code2Session(appId, login(appId, user)));
    }

    String token(String appId) {
        return success(get(
                        "/cgi-bin/token", "grant_type", "client_credential", "appid", appId, "secret", secret(appId)))
                .get("access_token")
                .asString();
    }

    SimResponse stableToken(String appId, boolean force) {
        return post(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + appId + "\",\"secret\":\"" + secret(appId)
                        + "\",\"force_refresh\":" + force + "}");
    }

    JsonNode session(String appId, String user) {
        SimResponse r = get("/sim/session", "appId", appId, "user", user);
        assertThat(r.status()).isEqualTo(200);
        return json(r);
    }

    void advance(long seconds) {
        assertThat(post("/sim/clock", "{\"advanceSeconds\":" + seconds + "}").status())
                .isEqualTo(204);
    }

    void settings(String json) {
        assertThat(post("/sim/settings", json).status()).isEqualTo(204);
    }
}
