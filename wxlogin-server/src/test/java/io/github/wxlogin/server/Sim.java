package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The WeChat simulator's {@code /sim/...} controls, standing in for the phone: over HTTP, at the
 * simulator's base URL ({@code /wechat-sim} of the service in dev mode, or a standalone server).
 */
final class Sim {

    static final String JSCODE2SESSION = "/sns/jscode2session";

    private final Http http;

    Sim(Http http) {
        this.http = http;
    }

    Http http() {
        return http;
    }

    /** A code as {@code wx.login()} would give the named user in this app. */
    String code(String appId, String user) {
        Http.Reply r = http.postJson("/sim/login", Map.of("appId", appId, "user", user));
        assertThat(r.status()).as("/sim/login %s", r).isEqualTo(200);
        return r.json().get("code").asString();
    }

    /** What WeChat holds for the user now: openid, unionid (or null), sessionKey. */
    JsonNode session(String appId, String user) {
        Http.Reply r = http.get("/sim/session?appId=" + enc(appId) + "&user=" + enc(user));
        assertThat(r.status()).as("/sim/session %s", r).isEqualTo(200);
        return r.json();
    }

    String sessionKey(String appId, String user) {
        return session(appId, user).get("sessionKey").asString();
    }

    /** Calls the simulator has had to a WeChat path, failed and faulted ones included. */
    long calls(String path) {
        Http.Reply r = http.get("/sim/stats");
        assertThat(r.status()).as("/sim/stats %s", r).isEqualTo(200);
        return r.json().get("calls").get(path).asLong();
    }

    long code2SessionCalls() {
        return calls(JSCODE2SESSION);
    }

    /** The next {@code count} calls to jscode2session answer WeChat's {@code errcode}. */
    void failCode2Session(int errcode, int count) {
        fault(Map.of("path", JSCODE2SESSION, "errcode", errcode, "count", count));
    }

    /** The next {@code count} calls to jscode2session answer a gateway's HTML page with this status. */
    void failCode2SessionWithHttp(int status, int count) {
        fault(Map.of("path", JSCODE2SESSION, "httpStatus", status, "count", count));
    }

    /** The next {@code count} calls to jscode2session stall first. */
    void stallCode2Session(long latencyMs, int count) {
        fault(Map.of("path", JSCODE2SESSION, "latencyMs", latencyMs, "count", count));
    }

    void fault(Map<String, ?> fault) {
        Http.Reply r = http.postJson("/sim/faults", fault);
        assertThat(r.status()).as("/sim/faults %s", r).isEqualTo(204);
    }

    /** Flags the user as high-risk in one app (WeChat's 40226). */
    void risky(String appId, String user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        body.put("risky", true);
        Http.Reply r = http.postJson("/sim/risk", body);
        assertThat(r.status()).as("/sim/risk %s", r).isEqualTo(204);
    }

    /** Back to the simulator's state at start: codes, keys, faults, stats, risk flags. */
    void reset() {
        Http.Reply r = http.postJson("/sim/reset", "{}");
        assertThat(r.status()).as("/sim/reset %s", r).isEqualTo(204);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
