package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Kuaishou side, as the Kuaishou tests drive it: its code2Session path, its stats and
 * faults (Kuaishou's {@code result} given as {@code errcode}), and the phone button and open data of
 * Kuaishou's client through the {@code /sim/} controls.
 */
final class KuaishouSim {

    /** Kuaishou's code2Session under the simulator's {@code /kuaishou} prefix ({@code WXLOGIN_KUAISHOU_BASE_URL=<sim>/kuaishou}). */
    static final String CODE2SESSION = "/kuaishou/oauth2/mp/code2session";

    private final Supplier<Sim> sim;

    /** @param sim the simulator, asked at each call (a test's service starts after its fields are set) */
    KuaishouSim(Supplier<Sim> sim) {
        this.sim = sim;
    }

    /** Calls Kuaishou's code2Session has had, failed and faulted ones included. */
    long code2SessionCalls() {
        return sim.get().calls(CODE2SESSION);
    }

    /** The next {@code count} calls answer Kuaishou's {@code result}. */
    void fail(int result, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "errcode", result, "count", count));
    }

    /** The next {@code count} calls answer a gateway's HTML page with this status. */
    void failWithHttp(int status, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "httpStatus", status, "count", count));
    }

    /** The next {@code count} calls stall first. */
    void stall(long latencyMs, int count) {
        sim.get().fault(Map.of("path", CODE2SESSION, "latencyMs", latencyMs, "count", count));
    }

    /** What Kuaishou's getPhoneNumber button gives the mini program: {"encryptedData","iv"}. */
    Map<String, Object> phone(String appId, String user, String phoneNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        body.put("phoneNumber", phoneNumber);
        Http.Reply r = sim.get().http().postJson("/sim/phone-code", body);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Map.of(
                "encryptedData", r.json().get("encryptedData").asString(),
                "iv", r.json().get("iv").asString());
    }

    /** Open data as Kuaishou's client gives it: {"encryptedData","iv","rawData","signature"}. */
    JsonNode openData(String appId, String user, Map<String, ?> data) {
        Http.Reply r = sim.get().http().postJson("/sim/open-data", Map.of("appId", appId, "user", user, "data", data));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }
}
