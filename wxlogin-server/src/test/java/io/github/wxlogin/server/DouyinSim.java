package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Douyin side, over HTTP: {@code tt.login()}'s codes, the phone button, open data and
 * what Douyin holds, through the {@code /sim/} controls; the counts and faults of its {@code /douyin}
 * paths; and the service's Douyin login calls.
 */
final class DouyinSim {

    static final String CODE2SESSION = "/douyin/api/apps/v2/jscode2session";
    static final String CLIENT_TOKEN = "/douyin/oauth/client_token";
    static final String PHONE_NUMBER = "/douyin/api/apps/v1/get_phonenumber_info";

    /** What {@code tt.login()} gave: the code (null for a visitor not logged in) and the anonymous code. */
    record Codes(String code, String anonymousCode) {}

    private final Sim sim;
    private final Http service;

    DouyinSim(Sim sim, Http service) {
        this.sim = sim;
        this.service = service;
    }

    static DouyinSim of(TestService service) {
        return new DouyinSim(service.sim(), service.http());
    }

    /** {@code tt.login()} of a user logged in to Douyin on their own phone. */
    Codes login(String appId, String user) {
        return login(appId, user, user);
    }

    /** {@code tt.login()} of a user logged in to Douyin on {@code device}. */
    Codes login(String appId, String user, String device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        body.put("device", device);
        JsonNode r = control(body);
        return new Codes(r.get("code").asString(), r.get("anonymousCode").asString());
    }

    /** {@code tt.login()} of a visitor not logged in to Douyin: an anonymous code of the device only. */
    String anonymousCode(String appId, String device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", device);
        body.put("anonymous", true);
        JsonNode r = control(body);
        assertThat(r.has("code")).as("a guest's tt.login gives no code").isFalse();
        return r.get("anonymousCode").asString();
    }

    private JsonNode control(Map<String, Object> body) {
        Http.Reply r = sim.http().postJson("/sim/login", body);
        assertThat(r.status()).as("/sim/login %s", r).isEqualTo(200);
        return r.json();
    }

    /** What the phone button gives for the number: {"code","encryptedData","iv"}. */
    JsonNode phone(String appId, String user, String phoneNumber) {
        Http.Reply r = sim.http()
                .postJson("/sim/phone-code", Map.of("appId", appId, "user", user, "phoneNumber", phoneNumber));
        assertThat(r.status()).as("/sim/phone-code %s", r).isEqualTo(200);
        return r.json();
    }

    /** Open data as the client would get it: {"encryptedData","iv","rawData","signature"}. */
    JsonNode openData(String appId, String user, Map<String, ?> data) {
        Http.Reply r = sim.http().postJson("/sim/open-data", Map.of("appId", appId, "user", user, "data", data));
        assertThat(r.status()).as("/sim/open-data %s", r).isEqualTo(200);
        return r.json();
    }

    /** What Douyin holds for the user: openid, unionid, sessionKey, and the anonymousOpenid of their phone. */
    JsonNode session(String appId, String user) {
        return sim.session(appId, user);
    }

    /** The app's phone key pair as the simulator shows it: {"publicKey","privateKey"}, PEM. */
    JsonNode keys(String appId) {
        Http.Reply r = sim.http().get("/sim/douyin/keys?appId=" + URLEncoder.encode(appId, StandardCharsets.UTF_8));
        assertThat(r.status()).as("/sim/douyin/keys %s", r).isEqualTo(200);
        return r.json();
    }

    long calls(String path) {
        return sim.calls(path);
    }

    /** The next {@code count} calls to the path answer Douyin's error {@code errNo}. */
    void fail(String path, int errNo, int count) {
        sim.fault(Map.of("path", path, "errcode", errNo, "count", count));
    }

    void failWithHttp(String path, int status, int count) {
        sim.fault(Map.of("path", path, "httpStatus", status, "count", count));
    }

    /** {@code POST /v1/auth/login} with {"appId","code"?,"anonymousCode"?} (a null one left out). */
    Http.Reply serviceLogin(String appId, String code, String anonymousCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        if (code != null) {
            body.put("code", code);
        }
        if (anonymousCode != null) {
            body.put("anonymousCode", anonymousCode);
        }
        return service.postJson("/v1/auth/login", body);
    }

    /** The real login, both codes of one {@code tt.login()}. */
    Http.Reply serviceLogin(String appId, Codes codes) {
        return serviceLogin(appId, codes.code(), codes.anonymousCode());
    }
}
