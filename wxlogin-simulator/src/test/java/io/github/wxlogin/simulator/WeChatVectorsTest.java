package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.PublishedVectors.LOGIN_STATE;
import static io.github.wxlogin.simulator.PublishedVectors.LOGIN_STATE_EMPTY_BODY;
import static io.github.wxlogin.simulator.PublishedVectors.OPEN_DATA;
import static io.github.wxlogin.simulator.PublishedVectors.RAW_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's crypto ({@link SimCrypto}) and the tests' own ({@link JdkCrypto}) against WeChat's
 * published vectors, and the simulator's output read back with the tests' own code only.
 */
class WeChatVectorsTest {

    private static byte[] officialIv() {
        return Base64.getDecoder().decode(OPEN_DATA.iv());
    }

    @Test
    void simulatorDecryptsWeChatsSampleToThePublishedPlaintext() {
        String plain = SimCrypto.decryptOpenData(
                OPEN_DATA.sessionKey(), officialIv(), Base64.getDecoder().decode(OPEN_DATA.encryptedData()));

        assertThat(plain).isEqualTo(OPEN_DATA.decryptedData());
        JsonNode watermark = Json.MAPPER.readTree(plain).get("watermark");
        assertThat(watermark.get("appid").asString()).isEqualTo(OPEN_DATA.appId());
        assertThat(watermark.get("timestamp").asLong()).isEqualTo(1477314187L);
    }

    @Test
    void simulatorEncryptsThePublishedPlaintextToWeChatsExactCiphertext() {
        // CBC under a fixed iv is deterministic: the same bytes as WeChat's pin the key, mode and padding.
        byte[] encrypted = SimCrypto.encryptOpenData(OPEN_DATA.sessionKey(), officialIv(), OPEN_DATA.decryptedData());

        assertThat(Base64.getEncoder().encodeToString(encrypted)).isEqualTo(OPEN_DATA.encryptedData());
    }

    @Test
    void simulatorSignaturesMatchWeChatsWorkedExamples() {
        assertThat(SimCrypto.rawDataSignature(RAW_DATA.message(), RAW_DATA.sessionKey()))
                .isEqualTo(RAW_DATA.signature());
        assertThat(SimCrypto.loginStateSignature(LOGIN_STATE.sessionKey(), LOGIN_STATE.message()))
                .isEqualTo(LOGIN_STATE.signature());
        assertThat(SimCrypto.loginStateSignature(LOGIN_STATE_EMPTY_BODY.sessionKey(), LOGIN_STATE_EMPTY_BODY.message()))
                .isEqualTo(LOGIN_STATE_EMPTY_BODY.signature());
    }

    @Test
    void testsOwnCryptoMatchesWeChatsVectorsToo() {
        assertThat(JdkCrypto.decrypt(OPEN_DATA.sessionKey(), OPEN_DATA.iv(), OPEN_DATA.encryptedData()))
                .isEqualTo(OPEN_DATA.decryptedData());
        assertThat(JdkCrypto.sha1Hex(RAW_DATA.message() + RAW_DATA.sessionKey()))
                .isEqualTo(RAW_DATA.signature());
        assertThat(JdkCrypto.hmacSha256Hex(LOGIN_STATE.sessionKey(), LOGIN_STATE.message()))
                .isEqualTo(LOGIN_STATE.signature());
        assertThat(JdkCrypto.hmacSha256Hex(LOGIN_STATE_EMPTY_BODY.sessionKey(), LOGIN_STATE_EMPTY_BODY.message()))
                .isEqualTo(LOGIN_STATE_EMPTY_BODY.signature());
    }

    @Test
    void openDataTheSimulatorProducesDecryptsWithPlainJdkCodeAndCarriesSha1OfRawDataAndSessionKey() {
        TestSim t = new TestSim();
        String sessionKey = t.signIn(TestSim.APP_2, "carol").get("session_key").asString();

        JsonNode out = TestSim.json(t.post(
                "/sim/open-data",
                "{\"appId\":\"" + TestSim.APP_2 + "\",\"user\":\"carol\","
                        + "\"data\":{\"nickName\":\"卡罗尔 😀\",\"city\":\"Guangzhou\"}}"));

        // Whole AES blocks, and a one-block iv.
        assertThat(Base64.getDecoder().decode(out.get("encryptedData").asString()).length % 16)
                .isZero();
        assertThat(Base64.getDecoder().decode(out.get("iv").asString())).hasSize(16);
        JsonNode data = Json.MAPPER.readTree(JdkCrypto.decrypt(
                sessionKey, out.get("iv").asString(), out.get("encryptedData").asString()));
        assertThat(data.get("nickName").asString()).isEqualTo("卡罗尔 😀");
        assertThat(data.get("city").asString()).isEqualTo("Guangzhou");
        assertThat(data.get("watermark").get("appid").asString()).isEqualTo(TestSim.APP_2);
        assertThat(data.get("watermark").get("timestamp").asLong()).isEqualTo(TestSim.START.getEpochSecond());
        String rawData = out.get("rawData").asString();
        assertThat(out.get("signature").asString()).isEqualTo(JdkCrypto.sha1Hex(rawData + sessionKey));
    }

    @Test
    void theSameTextUnderAnotherIvIsOtherBytes() {
        byte[] otherIv = officialIv().clone();
        otherIv[0] ^= 1;

        byte[] encrypted = SimCrypto.encryptOpenData(OPEN_DATA.sessionKey(), otherIv, OPEN_DATA.decryptedData());

        assertThat(Base64.getEncoder().encodeToString(encrypted)).isNotEqualTo(OPEN_DATA.encryptedData());
        assertThat(JdkCrypto.decrypt(
                        OPEN_DATA.sessionKey(),
                        Base64.getEncoder().encodeToString(otherIv),
                        Base64.getEncoder().encodeToString(encrypted)))
                .isEqualTo(OPEN_DATA.decryptedData());
    }

    @Test
    void keysAndIvsThatAreNotSixteenBytesAreRefusedWithoutQuotingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> SimCrypto.encryptOpenData(shortKey, officialIv(), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain(shortKey);
        assertThatThrownBy(() -> SimCrypto.encryptOpenData(OPEN_DATA.sessionKey(), new byte[12], "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain(OPEN_DATA.sessionKey());
    }
}
