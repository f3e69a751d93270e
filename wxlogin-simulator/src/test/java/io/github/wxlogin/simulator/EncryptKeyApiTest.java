package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * getUserEncryptKey as WeChat documents it (all parameters in the query, GET or POST, signed like
 * checksession; the user's last three keys, each living 3,600 s, fields encrypt_key, version, expire_in,
 * iv, create_time), and the phone's side: {@code /sim/user-key} as getLatestUserKey answers, and
 * {@code /sim/channel-encrypt}.
 */
class EncryptKeyApiTest {

    private static final String PATH = "/wxa/business/getuserencryptkey";

    private final TestSim t = new TestSim();

    private SimResponse keys(String method, String token, String openid, String signature) {
        // Every parameter in the query, for a GET (WeChat's current page) or a POST (its older page).
        String query = TestSim.query(
                "access_token", token, "openid", openid, "signature", signature, "sig_method", "hmac_sha256");
        return t.sim.handle(new SimRequest(method, PATH, query, method.equals("POST") ? new byte[0] : null));
    }

    @Test
    void theLastThreeKeysNewestFirstEachLiving3600Seconds() {
        JsonNode login = t.signIn(APP_1, "alice");
        String openid = login.get("openid").asString();
        String signature = JdkCrypto.hmacSha256Hex(login.get("session_key").asString(), "");

        JsonNode first = success(keys("GET", t.token(APP_1), openid, signature));
        assertThat(first.get("errmsg").asString()).isEqualTo("ok");
        assertThat(first.get("key_info_list")).hasSize(1);
        JsonNode only = first.get("key_info_list").get(0);
        assertThat(only.get("expire_in").asLong()).isEqualTo(3600);
        assertThat(Base64.getDecoder().decode(only.get("encrypt_key").asString()))
                .hasSize(16);
        assertThat(only.get("iv").asString()).matches("[0-9a-f]{16}");
        assertThat(only.get("create_time").isIntegralNumber()).isTrue();

        t.advance(1000);
        JsonNode same = success(keys("POST", t.token(APP_1), openid, signature));
        assertThat(same.get("key_info_list")).hasSize(1);
        assertThat(same.get("key_info_list").get(0).get("expire_in").asLong()).isEqualTo(2600);

        for (int i = 0; i < 3; i++) {
            t.advance(3600);
            success(keys("GET", t.token(APP_1), openid, signature));
        }
        JsonNode listed =
                success(keys("GET", t.token(APP_1), openid, signature)).get("key_info_list");
        assertThat(listed).hasSize(3);
        List<Long> versions = new ArrayList<>();
        listed.forEach(k -> versions.add(k.get("version").asLong()));
        assertThat(versions).containsExactly(4L, 3L, 2L);
        assertThat(listed.get(0).get("expire_in").asLong()).isGreaterThan(0);
        assertThat(listed.get(1).get("expire_in").asLong()).isZero();
        assertThat(listed.get(0).get("create_time").asLong()
                        - listed.get(1).get("create_time").asLong())
                .isGreaterThanOrEqualTo(3600);
    }

    @Test
    void signedAsChecksessionAndTokenChecked() {
        JsonNode login = t.signIn(APP_1, "bob");
        String openid = login.get("openid").asString();
        String wrong = JdkCrypto.hmacSha256Hex("AAAAAAAAAAAAAAAAAAAAAA==", "");

        assertThat(errcode(keys("GET", t.token(APP_1), openid, wrong))).isEqualTo(87009);
        assertThat(errcode(keys("GET", null, openid, wrong))).isEqualTo(41001);
        assertThat(errcode(keys("GET", "not-a-token", openid, wrong))).isEqualTo(40001);
        assertThat(errcode(keys("GET", t.token(APP_1), "oNotAUser000000000000000000", wrong)))
                .isEqualTo(40003);
        assertThat(t.sim.handle(SimRequest.of("PUT", PATH, "")).status()).isEqualTo(405);
    }

    @Test
    void thePhonesSideMatchesTheListAndEncryptsAsTheConventionSays() {
        JsonNode login = t.signIn(APP_1, "carol");
        String signature = JdkCrypto.hmacSha256Hex(login.get("session_key").asString(), "");
        JsonNode latest = success(t.get("/sim/user-key", "appId", APP_1, "user", "carol"));
        JsonNode listed = success(
                        keys("GET", t.token(APP_1), login.get("openid").asString(), signature))
                .get("key_info_list")
                .get(0);
        assertThat(latest.get("encryptKey").asString())
                .isEqualTo(listed.get("encrypt_key").asString());
        assertThat(latest.get("iv").asString()).isEqualTo(listed.get("iv").asString());
        assertThat(latest.get("version").asLong())
                .isEqualTo(listed.get("version").asLong());
        assertThat(latest.get("expireTime").asLong())
                .isEqualTo(listed.get("create_time").asLong() + 3600);

        JsonNode encrypted = success(
                t.post("/sim/channel-encrypt", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"data\":{\"a\":1}}"));
        assertThat(encrypted.get("version").asLong())
                .isEqualTo(latest.get("version").asLong());
        assertThat(encrypted.get("iv").asString()).isEqualTo(latest.get("iv").asString());
        String ivBase64 =
                Base64.getEncoder().encodeToString(latest.get("iv").asString().getBytes(StandardCharsets.US_ASCII));
        assertThat(JdkCrypto.decrypt(
                        latest.get("encryptKey").asString(),
                        ivBase64,
                        encrypted.get("encryptedData").asString()))
                .isEqualTo("{\"a\":1}");
        JsonNode text = success(
                t.post("/sim/channel-encrypt", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"data\":\"plain\"}"));
        assertThat(JdkCrypto.decrypt(
                        latest.get("encryptKey").asString(),
                        ivBase64,
                        text.get("encryptedData").asString()))
                .isEqualTo("plain");

        assertThat(t.post(
                                "/sim/channel-encrypt",
                                "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"data\":1,\"version\":99}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/channel-encrypt", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\"}")
                        .status())
                .isEqualTo(400);
        assertThat(t.get("/sim/user-key", "appId", "wx_unknown", "user", "carol")
                        .status())
                .isEqualTo(404);
    }
}
