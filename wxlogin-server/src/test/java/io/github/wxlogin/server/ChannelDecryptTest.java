package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.fields;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/channel/decrypt} over real HTTP: the simulator plays the mini program
 * ({@code getLatestUserKey}, then AES-128-CBC with that key and its iv) and keeps each user's last three
 * keys, a new one every 3,600 s of its clock; the service lists them with {@code getuserencryptkey}
 * (signed with the session_key) and opens data of each listed version. A version no longer listed, or
 * never made, is {@code invalid_request}, after one fetch at most; malformed input is
 * {@code invalid_request}; a non-WeChat app is {@code unsupported}; WeChat no longer holding the
 * session_key the listing is signed with is {@code session_key_stale}. The service runs on a test clock,
 * so "fetched a moment ago" does not depend on the machine's speed.
 */
class ChannelDecryptTest {

    /** The service's time moves only when a test moves it (an hour behind, as RateLimitTest's: never ahead of now). */
    static final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(clock, "--wxlogin.rate-limit.decrypt-per-user=0")
            .databaseIndependent();

    static SessionKeyData keys;

    @BeforeAll
    static void start() {
        keys = new SessionKeyData(dev.service());
    }

    @Test
    void eachOfTheLastThreeVersionsOpensAndAnOlderOneHasExpired() {
        Tokens ann = dev.service().login(APP_1, "channel-ann");
        List<JsonNode> encrypted = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                keys.advanceSimClock(3600);
            }
            JsonNode key = keys.latestKey(APP_1, "channel-ann");
            versions.add(key.get("version").asLong());
            encrypted.add(keys.channelEncrypt(APP_1, "channel-ann", Map.of("n", i, "text", "第" + i), null));
        }
        assertThat(versions).doesNotHaveDuplicates();
        // The simulator's clock moved on; the service's "a moment ago" too.
        clock.advance(Duration.ofMinutes(1));

        for (int i = 1; i < 4; i++) {
            Http.Reply r = keys.channelDecrypt(ann, SessionKeyData.body(encrypted.get(i)));
            assertThat(r.status()).as("version %s: %s", versions.get(i), r).isEqualTo(200);
            assertThat(fields(r.json())).containsExactly("data");
            assertThat(r.json().get("data").get("n").asInt()).isEqualTo(i);
            assertThat(r.json().get("data").get("text").asString()).isEqualTo("第" + i);
        }
        JsonNode problem =
                assertProblem(keys.channelDecrypt(ann, SessionKeyData.body(encrypted.get(0))), 400, "invalid_request");
        assertThat(problem.get("detail").asString())
                .contains("version " + versions.get(0))
                .contains("expired")
                .contains("getLatestUserKey");
    }

    @Test
    void aStringComesBackAsAStringAndTheMiniProgramsRecipeWorks() throws Exception {
        Tokens bea = dev.service().login(APP_1, "channel-bea");
        Http.Reply r = keys.channelDecrypt(
                bea, SessionKeyData.body(keys.channelEncrypt(APP_1, "channel-bea", "plain text, 中文", null)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("data").isString()).isTrue();
        assertThat(r.json().get("data").asString()).isEqualTo("plain text, 中文");

        // The documented client recipe, done here as a mini program would with getLatestUserKey's answer:
        // AES-128-CBC, PKCS#7, key = base64-decoded encryptKey, iv = the iv string's bytes; and the iv may
        // also be any 16 bytes, sent as base64.
        JsonNode key = keys.latestKey(APP_1, "channel-bea");
        byte[] rawKey = Base64.getDecoder().decode(key.get("encryptKey").asString());
        byte[] keyIv = key.get("iv").asString().getBytes(StandardCharsets.US_ASCII);
        byte[] ownIv = new byte[16];
        new java.security.SecureRandom().nextBytes(ownIv);
        for (Map.Entry<byte[], String> iv : Map.of(
                        keyIv,
                        key.get("iv").asString(),
                        ownIv,
                        Base64.getEncoder().encodeToString(ownIv))
                .entrySet()) {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rawKey, "AES"), new IvParameterSpec(iv.getKey()));
            byte[] data = aes.doFinal("[1,2,3]".getBytes(StandardCharsets.UTF_8));
            Http.Reply own = keys.channelDecrypt(
                    bea,
                    Map.of(
                            "encryptedData",
                            Base64.getEncoder().encodeToString(data),
                            "iv",
                            iv.getValue(),
                            "version",
                            key.get("version").asLong()));
            assertThat(own.status()).as("%s", own).isEqualTo(200);
            assertThat(own.json().get("data").isArray()).isTrue();
            assertThat(own.json().get("data").get(2).asInt()).isEqualTo(3);
        }
    }

    @Test
    void anUnknownVersionIsFetchedOnceAndRefused() {
        Tokens cai = dev.service().login(APP_1, "channel-cai");
        JsonNode good = keys.channelEncrypt(APP_1, "channel-cai", Map.of("a", 1), null);
        assertThat(keys.channelDecrypt(cai, SessionKeyData.body(good)).status()).isEqualTo(200);
        long fetched = keys.calls(SessionKeyData.USER_ENCRYPT_KEY);

        Map<String, Object> unknown = SessionKeyData.body(good);
        unknown.put("version", good.get("version").asLong() + 1000);
        for (int i = 0; i < 5; i++) {
            JsonNode problem = assertProblem(keys.channelDecrypt(cai, unknown), 400, "invalid_request");
            assertThat(problem.get("detail").asString()).contains("unknown").contains("getLatestUserKey");
        }
        assertThat(keys.calls(SessionKeyData.USER_ENCRYPT_KEY))
                .as("the list was fetched a moment ago: not again")
                .isEqualTo(fetched);

        // A while later, a version the cached list lacks is fetched once: a new key WeChat made since.
        clock.advance(Duration.ofSeconds(11));
        keys.advanceSimClock(3600);
        JsonNode newer = keys.channelEncrypt(APP_1, "channel-cai", Map.of("a", 2), null);
        assertThat(newer.get("version").asLong())
                .isGreaterThan(good.get("version").asLong());
        Http.Reply r = keys.channelDecrypt(cai, SessionKeyData.body(newer));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(keys.calls(SessionKeyData.USER_ENCRYPT_KEY)).isEqualTo(fetched + 1);
    }

    @Test
    void malformedInputIsInvalidRequest() {
        Tokens dee = dev.service().login(APP_1, "channel-dee");
        JsonNode good = keys.channelEncrypt(APP_1, "channel-dee", Map.of("a", 1), null);
        String data = good.get("encryptedData").asString();
        String iv = good.get("iv").asString();
        long version = good.get("version").asLong();
        String[] bodies = {
            "{\"iv\":\"" + iv + "\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data + "\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data + "\",\"iv\":\"" + iv + "\"}",
            "{\"encryptedData\":\"not base64!\",\"iv\":\"" + iv + "\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data.substring(4) + "\",\"iv\":\"" + iv + "\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data + "\",\"iv\":\"short\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data + "\",\"iv\":\""
                    + Base64.getEncoder().encodeToString(new byte[15]) + "\",\"version\":" + version + "}",
            "{\"encryptedData\":\"" + data + "\",\"iv\":\"" + iv + "\",\"version\":-1}",
            "{\"encryptedData\":\"" + data + "\",\"iv\":\"" + iv + "\",\"version\":\"ten\"}",
            "{\"encryptedData\":",
            "[]"
        };
        for (String body : bodies) {
            assertProblem(keys.channelDecrypt(dee.access(), body), 400, "invalid_request");
        }
        // The right key, the wrong iv: it does not open, and says under which version it was tried.
        Map<String, Object> wrongIv = SessionKeyData.body(good);
        wrongIv.put("iv", "0123456789abcdef");
        JsonNode problem = assertProblem(keys.channelDecrypt(dee, wrongIv), 400, "invalid_request");
        assertThat(problem.get("detail").asString()).contains("version " + version);
        assertProblem(
                keys.channelDecrypt((String) null, Http.JSON.writeValueAsString(SessionKeyData.body(good))),
                401,
                "invalid_token");
    }

    @Test
    void aNonWeChatAppIsUnsupported() {
        Tokens douyin = dev.service().login(DOUYIN_1, "channel-douyin");
        JsonNode wechatData = keys.channelEncrypt(APP_1, "channel-douyin", Map.of("a", 1), null);

        assertProblem(keys.channelDecrypt(douyin, SessionKeyData.body(wechatData)), 400, "unsupported");
    }

    @Test
    void aSessionKeyWeChatNoLongerHoldsCannotListTheKeys() {
        Tokens eve = dev.service().login(APP_1, "channel-eve");
        keys.rotateBehindTheService(APP_1, "channel-eve");
        JsonNode data = keys.channelEncrypt(APP_1, "channel-eve", Map.of("a", 1), null);

        assertProblem(keys.channelDecrypt(eve, SessionKeyData.body(data)), 409, "session_key_stale");

        Tokens again = dev.service().login(APP_1, "channel-eve");
        assertThat(keys.channelDecrypt(again, SessionKeyData.body(data)).status())
                .isEqualTo(200);
    }
}
