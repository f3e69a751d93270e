package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Baidu side, as the Baidu tests drive it: jscode2sessionkey's path, its stats and faults,
 * Baidu's data as its client gives it, and Baidu's open-data encryption done by the test itself (from
 * Baidu's description: AES-192-CBC, 16 random bytes + 4-byte length + data + AppKey, padding to 32-byte
 * blocks) for data the simulator would never make: another app's trailer, another key.
 */
final class BaiduSim {

    /** jscode2sessionkey under the simulator's {@code /baidu} prefix ({@code WXLOGIN_BAIDU_BASE_URL=<sim>/baidu}). */
    static final String JSCODE2SESSIONKEY = "/baidu/oauth/jscode2sessionkey";
    /** The dev demo app's AppKey in the simulator (its AppID left-padded after "simAppKey"). */
    static final String DEMO_APP_KEY = "simAppKey00000000000000020000001";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<Sim> sim;

    /** @param sim the simulator, asked at each call (a test's service starts after its fields are set) */
    BaiduSim(Supplier<Sim> sim) {
        this.sim = sim;
    }

    long calls() {
        return sim.get().calls(JSCODE2SESSIONKEY);
    }

    /** The next {@code count} calls answer this errno (the simulator's Baidu table: 10010100 … 10010103). */
    void fail(int errno, int count) {
        sim.get().fault(Map.of("path", JSCODE2SESSIONKEY, "errcode", errno, "count", count));
    }

    void failWithHttp(int status, int count) {
        sim.get().fault(Map.of("path", JSCODE2SESSIONKEY, "httpStatus", status, "count", count));
    }

    void stall(long latencyMs, int count) {
        sim.get().fault(Map.of("path", JSCODE2SESSIONKEY, "latencyMs", latencyMs, "count", count));
    }

    /** {@code swan.getUserInfo}'s encrypted data as {@code POST /v1/me/decrypt} takes it: {@code data} sent as encryptedData. */
    Map<String, Object> openData(String appId, String user, Map<String, ?> data) {
        Http.Reply r = sim.get().http().postJson("/sim/open-data", Map.of("appId", appId, "user", user, "data", data));
        assertThat(r.status()).as("/sim/open-data %s", r).isEqualTo(200);
        JsonNode body = r.json();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("encryptedData", body.get("data").asString());
        out.put("iv", body.get("iv").asString());
        return out;
    }

    /** The getPhoneNumber button's {@code {"encryptedData","iv"}}. */
    Map<String, Object> phoneData(String appId, String user, String phoneNumber) {
        Http.Reply r = sim.get()
                .http()
                .postJson("/sim/phone-code", Map.of("appId", appId, "user", user, "phoneNumber", phoneNumber));
        assertThat(r.status()).as("/sim/phone-code %s", r).isEqualTo(200);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("encryptedData", r.json().get("encryptedData").asString());
        out.put("iv", r.json().get("iv").asString());
        return out;
    }

    /** Baidu's encryption, by the test: {@code data} with {@code appKey} as the trailer, under {@code sessionKey}. */
    static Map<String, Object> encrypt(String sessionKey, String data, String appKey) {
        byte[] text = data.getBytes(StandardCharsets.UTF_8);
        byte[] key = appKey.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        int length = 20 + text.length + key.length;
        int pad = 32 - length % 32;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random).putInt(text.length).put(text).put(key);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
                    new IvParameterSpec(iv));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("encryptedData", Base64.getEncoder().encodeToString(cipher.doFinal(plain.array())));
            out.put("iv", Base64.getEncoder().encodeToString(iv));
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
