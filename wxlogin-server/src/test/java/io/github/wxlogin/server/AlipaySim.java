package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The simulated Alipay's controls, over HTTP at a simulator's base URL: what {@code my.getAuthCode} and
 * {@code my.getPhoneNumber} would give, the key material of its console, its gateway's call count and
 * faults.
 */
final class AlipaySim {

    static final String GATEWAY = "/alipay/gateway.do";

    private final Sim sim;

    AlipaySim(Sim sim) {
        this.sim = sim;
    }

    /** {@code my.getAuthCode({scopes:'auth_base'})}'s authCode for the named user. */
    String authCode(String appId, String user) {
        return sim.code(appId, user);
    }

    /** What Alipay holds for the user: {@code openid} (the app's id of the user), {@code userId}, {@code openId}, tokens. */
    JsonNode session(String appId, String user) {
        return sim.session(appId, user);
    }

    /** {@code my.getPhoneNumber}'s answer: {@code response}, {@code sign}, and the whole message as {@code fullResponse}. */
    JsonNode phoneAnswer(String appId, String user, String phoneNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("user", user);
        body.put("phoneNumber", phoneNumber);
        Http.Reply r = sim.http().postJson("/sim/phone-code", body);
        assertThat(r.status()).as("/sim/phone-code %s", r).isEqualTo(200);
        return r.json();
    }

    /** The key material of the app: appPrivateKey, appPublicKey, alipayPublicKey, contentKey, idMode. */
    JsonNode keys(String appId) {
        Http.Reply r = sim.http().get("/sim/alipay/keys?appId=" + URLEncoder.encode(appId, StandardCharsets.UTF_8));
        assertThat(r.status()).as("/sim/alipay/keys %s", r).isEqualTo(200);
        return r.json();
    }

    /**
     * Sets at the console, for the app, the public key of a new RSA key pair that nobody else holds: what
     * a developer does who uploads a key of their own. The service's signatures no longer verify.
     */
    void setStrangerPublicKey(String appId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            setKeys(
                    appId,
                    Map.of(
                            "appPublicKey",
                            Base64.getEncoder()
                                    .encodeToString(generator
                                            .generateKeyPair()
                                            .getPublic()
                                            .getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    /** Sets what the console holds for the app: any of appPublicKey, contentKey, idMode. */
    JsonNode setKeys(String appId, Map<String, String> material) {
        Map<String, Object> body = new LinkedHashMap<>(material);
        body.put("appId", appId);
        Http.Reply r = sim.http().postJson("/sim/alipay/keys", body);
        assertThat(r.status()).as("/sim/alipay/keys %s", r).isEqualTo(200);
        return r.json();
    }

    long gatewayCalls() {
        return sim.calls(GATEWAY);
    }

    /** The next {@code count} gateway calls answer Alipay's error {@code code}, signed. */
    void fail(int code, int count) {
        sim.fault(Map.of("path", GATEWAY, "errcode", code, "count", count));
    }

    void failWithHttp(int status, int count) {
        sim.fault(Map.of("path", GATEWAY, "httpStatus", status, "count", count));
    }
}
