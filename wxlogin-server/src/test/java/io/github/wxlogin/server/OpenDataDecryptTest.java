package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.fields;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/me/decrypt} over real HTTP, with open data made by the simulator under the user's
 * session_key: the data comes back with its watermark, the watermark must name the caller's app, the
 * previous session_key serves for a grace after a login rotated it. Data that does not open under the
 * keys makes the service ask WeChat's checksession about the current key: here it is current (WeChat and
 * the service agree), so every such failure (another user's data, an older key's, bad padding, bad UTF-8,
 * not JSON, another app's watermark) is one and the same {@code invalid_request}, word for word, so the
 * call is no padding oracle ({@code SessionKeyHealthTest} has the stale key and WeChat down); malformed
 * input is {@code invalid_request} too, and rawData is checked against its signature.
 */
class OpenDataDecryptTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Object> PROFILE = Map.of(
            "nickName",
            "微信用户 Ann",
            "gender",
            2,
            "city",
            "Guangzhou",
            "tags",
            List.of("a", "b"),
            "nested",
            Map.of("level", 1));

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static WeChatData wx;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
    }

    @AfterEach
    void keysStopRotating() {
        wx.rotateSessionKeys(false);
    }

    @Test
    void openDataComesBackWithItsWatermark() {
        Tokens ann = dev.service().login(APP_1, "decrypt-ann");
        JsonNode open = wx.openData(APP_1, "decrypt-ann", PROFILE);
        Instant before = Instant.now().minusSeconds(5);

        Http.Reply r = wx.decrypt(ann, WeChatData.cipherOnly(open));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(fields(r.json())).containsExactly("data");
        JsonNode data = r.json().get("data");
        assertThat(fields(data)).containsExactlyInAnyOrder("nickName", "gender", "city", "tags", "nested", "watermark");
        assertThat(data.get("nickName").asString()).isEqualTo("微信用户 Ann");
        assertThat(data.get("gender").asInt()).isEqualTo(2);
        assertThat(data.get("tags").get(1).asString()).isEqualTo("b");
        assertThat(data.get("nested").get("level").asInt()).isEqualTo(1);
        assertThat(data.get("watermark").get("appid").asString()).isEqualTo(APP_1);
        assertThat(data.get("watermark").get("timestamp").isIntegralNumber()).isTrue();
        assertThat(Instant.ofEpochSecond(data.get("watermark").get("timestamp").asLong()))
                .isBetween(before, Instant.now().plusSeconds(5));
    }

    @Test
    void eachAppsSessionDecryptsWithItsOwnSessionKey() {
        Tokens inApp3 = dev.service().login(APP_3, "decrypt-app3");

        Http.Reply r = wx.decrypt(inApp3, WeChatData.cipherOnly(wx.openData(APP_3, "decrypt-app3", PROFILE)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("data").get("watermark").get("appid").asString())
                .isEqualTo(APP_3);
    }

    @Test
    void dataWatermarkedForAnotherAppIsNotThisUsersData() {
        // The simulator watermarks data with the app whose session_key encrypts it, so it cannot make
        // this case: the test encrypts it itself, under the caller's real session_key in app 1, with
        // the watermark of app 3.
        Tokens bea = dev.service().login(APP_1, "decrypt-bea");
        String key = dev.sim().sessionKey(APP_1, "decrypt-bea");
        String plaintext = "{\"nickName\":\"Bea\",\"watermark\":{\"timestamp\":"
                + Instant.now().getEpochSecond() + ",\"appid\":\"" + APP_3 + "\"}}";

        assertProblem(wx.decrypt(bea, WeChatData.encrypt(key, plaintext)), 400, "invalid_request");
        // The same data watermarked for app 1 decrypts: the key was right, only the app was wrong.
        assertThat(wx.decrypt(bea, WeChatData.encrypt(key, plaintext.replace(APP_3, APP_1)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badPaddingBadJsonAndAnotherAppsWatermarkAreAnsweredAlike() {
        // Under the caller's real session_key, ciphertext the test shapes itself: an answer that told
        // these apart would let a caller decrypt (and then forge) blocks under the key, one guess at
        // a time, through the iv it controls.
        Tokens nia = dev.service().login(APP_1, "decrypt-nia");
        String key = dev.sim().sessionKey(APP_1, "decrypt-nia");
        String watermark = ",\"watermark\":{\"timestamp\":" + Instant.now().getEpochSecond() + ",\"appid\":\"";
        byte[] badPadding = java.util.Arrays.copyOf("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 16);
        badPadding[14] = 3; // the last byte says two bytes of padding; the one before it disagrees
        badPadding[15] = 2;
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("bad padding", WeChatData.encryptBlocks(key, badPadding));
        cases.put("bad JSON", WeChatData.encrypt(key, "{\"nickName\":\"Nia\"" + watermark + APP_1 + "\"}"));
        cases.put("not a JSON object", WeChatData.encrypt(key, "[\"Nia\"]"));
        cases.put(
                "another app's watermark",
                WeChatData.encrypt(key, "{\"nickName\":\"Nia\"" + watermark + APP_3 + "\"}}"));
        cases.put("no watermark", WeChatData.encrypt(key, "{\"nickName\":\"Nia\"}"));
        cases.put("another user's data", WeChatData.cipherOnly(wx.openData(APP_1, "decrypt-nia-other", PROFILE)));

        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            Http.Reply r = wx.decrypt(nia, c.getValue());
            JsonNode problem = assertProblem(r, 400, "invalid_request");
            assertThat(r.header("Retry-After")).as(c.getKey()).isEmpty();
            ObjectNode comparable = (ObjectNode) problem.deepCopy();
            comparable.remove("traceId");
            answers.put(c.getKey(), comparable);
        }

        JsonNode first = answers.values().iterator().next();
        assertThat(answers)
                .allSatisfy((what, answer) -> assertThat(answer).as(what).isEqualTo(first));
        assertThat(first.get("detail").asString())
                .startsWith("encryptedData was not encrypted with this user's session_key, which WeChat confirms is"
                        + " current");
        // The key itself is right: data it does open comes back.
        assertThat(wx.decrypt(nia, WeChatData.encrypt(key, "{\"nickName\":\"Nia\"" + watermark + APP_1 + "\"}}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void dataMadeForTheSameWeChatUserInAnotherAppIsNotThisUsersData() {
        // One WeChat user, one service user across apps 1 and 2 (one unionid), but one session_key per app.
        Tokens inApp1 = dev.service().login(APP_1, "decrypt-cross");
        Tokens inApp2 = dev.service().login(APP_2, "decrypt-cross");
        assertThat(inApp2.userId()).isEqualTo(inApp1.userId());

        assertProblem(
                wx.decrypt(inApp1, WeChatData.cipherOnly(wx.openData(APP_2, "decrypt-cross", PROFILE))),
                400,
                "invalid_request");
        assertThat(wx.decrypt(inApp2, WeChatData.cipherOnly(wx.openData(APP_2, "decrypt-cross", PROFILE)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void previousSessionKeyServesWithinItsGraceButNotTwoRotationsLater() {
        wx.rotateSessionKeys(true);
        dev.service().login(APP_1, "decrypt-rotating");
        String firstKey = dev.sim().sessionKey(APP_1, "decrypt-rotating");
        JsonNode older = wx.openData(APP_1, "decrypt-rotating", PROFILE);

        Tokens second = dev.service().login(APP_1, "decrypt-rotating");
        assertThat(dev.sim().sessionKey(APP_1, "decrypt-rotating"))
                .as("the login rotated the key")
                .isNotEqualTo(firstKey);

        Http.Reply withPrevious = wx.decrypt(second, WeChatData.cipherOnly(older));
        assertThat(withPrevious.status()).as("%s", withPrevious).isEqualTo(200);
        assertThat(withPrevious.json().get("data").get("nickName").asString()).isEqualTo("微信用户 Ann");

        dev.service().login(APP_1, "decrypt-rotating");
        Tokens fourth = dev.service().login(APP_1, "decrypt-rotating");

        assertProblem(wx.decrypt(fourth, WeChatData.cipherOnly(older)), 400, "invalid_request");
        assertProblem(wx.decrypt(second, WeChatData.cipherOnly(older)), 400, "invalid_request");
        // Data made under the key of now decrypts: asking WeChat for the data again is the way out.
        assertThat(wx.decrypt(fourth, WeChatData.cipherOnly(wx.openData(APP_1, "decrypt-rotating", PROFILE)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLoginThatKeepsTheKeyKeepsThePreviousOneToo() {
        // Logins without rotation must not push the previous key out: the fingerprint shows it is the same.
        wx.rotateSessionKeys(true);
        dev.service().login(APP_1, "decrypt-steady");
        JsonNode older = wx.openData(APP_1, "decrypt-steady", PROFILE);
        dev.service().login(APP_1, "decrypt-steady");
        wx.rotateSessionKeys(false);
        dev.service().login(APP_1, "decrypt-steady");
        Tokens last = dev.service().login(APP_1, "decrypt-steady");

        Http.Reply r = wx.decrypt(last, WeChatData.cipherOnly(older));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void previousSessionKeyIsRefusedWhenItsGraceIsOver(@TempDir Path ownDir) {
        // No grace at all: wxlogin.wechat.previous-session-key-grace reaches the service.
        try (TestService strict = TestService.dev(ownDir, "--wxlogin.wechat.previous-session-key-grace=0s")) {
            WeChatData data = new WeChatData(strict);
            data.rotateSessionKeys(true);
            strict.login(APP_1, "decrypt-strict");
            JsonNode older = data.openData(APP_1, "decrypt-strict", PROFILE);
            Tokens again = strict.login(APP_1, "decrypt-strict");

            assertProblem(data.decrypt(again, WeChatData.cipherOnly(older)), 400, "invalid_request");
            assertThat(data.decrypt(again, WeChatData.cipherOnly(data.openData(APP_1, "decrypt-strict", PROFILE)))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void tamperedDataIsNotThisUsersData() {
        Tokens cai = dev.service().login(APP_1, "decrypt-cai");
        JsonNode open = wx.openData(APP_1, "decrypt-cai", PROFILE);
        byte[] data = Base64.getDecoder().decode(open.get("encryptedData").asString());
        // The last byte of the next-to-last block XORs into the padding byte: never valid padding after.
        data[data.length - 17] ^= (byte) 0x80;
        Map<String, Object> body = WeChatData.cipherOnly(open);
        body.put("encryptedData", Base64.getEncoder().encodeToString(data));

        assertProblem(wx.decrypt(cai, body), 400, "invalid_request");
    }

    @Test
    void dataOfAnotherUserIsNotThisUsersData() {
        Tokens dee = dev.service().login(APP_1, "decrypt-dee");
        dev.service().login(APP_1, "decrypt-eve");

        assertProblem(
                wx.decrypt(dee, WeChatData.cipherOnly(wx.openData(APP_1, "decrypt-eve", PROFILE))),
                400,
                "invalid_request");
    }

    @Test
    void malformedInputIsInvalidRequest() {
        Tokens fay = dev.service().login(APP_1, "decrypt-fay");
        JsonNode open = wx.openData(APP_1, "decrypt-fay", PROFILE);
        String encrypted = open.get("encryptedData").asString();
        String iv = open.get("iv").asString();
        byte[] cipher = Base64.getDecoder().decode(encrypted);

        for (Map<String, Object> body : List.of(
                body("not base64!", iv),
                body(encrypted, "not an iv!"),
                body(encrypted, Base64.getEncoder().encodeToString(random(15))),
                body(encrypted, Base64.getEncoder().encodeToString(random(17))),
                body(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(cipher, cipher.length - 1)), iv),
                body(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(cipher, 20)), iv),
                body("", iv),
                body(encrypted, null),
                body(null, iv),
                withRawData(body(encrypted, iv), open.get("rawData").asString(), null),
                withRawData(body(encrypted, iv), null, open.get("signature").asString()))) {
            assertProblem(wx.decrypt(fay, body), 400, "invalid_request");
        }
        assertProblem(wx.decrypt(fay.access(), "{\"encryptedData\":"), 400, "invalid_request");
        assertProblem(wx.decrypt(fay.access(), "[]"), 400, "invalid_request");
    }

    @Test
    void base64BentInTransitStillDecrypts() {
        Tokens gus = dev.service().login(APP_1, "decrypt-gus");
        JsonNode open;
        do {
            open = wx.openData(APP_1, "decrypt-gus", PROFILE);
        } while (!open.get("encryptedData").asString().contains("+"));

        Map<String, Object> body = body(
                open.get("encryptedData").asString().replace('+', ' '),
                open.get("iv").asString().replace("=", ""));

        Http.Reply r = wx.decrypt(gus, body);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void rawDataWithItsSignatureIsVerified() {
        Tokens hal = dev.service().login(APP_1, "decrypt-hal");
        JsonNode open = wx.openData(APP_1, "decrypt-hal", PROFILE);

        Http.Reply r = wx.decrypt(
                hal,
                withRawData(
                        WeChatData.cipherOnly(open),
                        open.get("rawData").asString(),
                        open.get("signature").asString()));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("data").get("nickName").asString()).isEqualTo("微信用户 Ann");
    }

    @Test
    void rawDataWithAnAlteredSignatureOrAlteredRawDataIsInvalidRequest() {
        Tokens ida = dev.service().login(APP_1, "decrypt-ida");
        JsonNode open = wx.openData(APP_1, "decrypt-ida", PROFILE);
        String rawData = open.get("rawData").asString();
        String signature = open.get("signature").asString();
        String altered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

        assertProblem(
                wx.decrypt(ida, withRawData(WeChatData.cipherOnly(open), rawData, altered)), 400, "invalid_request");
        assertProblem(
                wx.decrypt(ida, withRawData(WeChatData.cipherOnly(open), rawData.replace("Ann", "Bob"), signature)),
                400,
                "invalid_request");
    }

    @Test
    void noAccessTokenIsInvalidToken() {
        dev.service().login(APP_1, "decrypt-nobody");
        JsonNode open = wx.openData(APP_1, "decrypt-nobody", PROFILE);
        String json = Http.JSON.writeValueAsString(WeChatData.cipherOnly(open));

        assertProblem(wx.decrypt((String) null, json), 401, "invalid_token");
        assertProblem(wx.decrypt("garbage", json), 401, "invalid_token");
    }

    private static Map<String, Object> body(String encryptedData, String iv) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (encryptedData != null) {
            body.put("encryptedData", encryptedData);
        }
        if (iv != null) {
            body.put("iv", iv);
        }
        return body;
    }

    private static Map<String, Object> withRawData(Map<String, Object> body, String rawData, String signature) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        if (rawData != null) {
            out.put("rawData", rawData);
        }
        if (signature != null) {
            out.put("signature", signature);
        }
        return out;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
