package io.github.wxlogin.core.crypto;

import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_APP_ID;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_AVATAR_URL;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_CITY;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_NICK_NAME;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_UNION_ID;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_WATERMARK_TIMESTAMP;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleCiphertext;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleIv;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenDataCipherTest {

    @Test
    void decryptsWeChatsSampleToTheDocumentedUserInfo() {
        String json = OpenDataCipher.decrypt(sampleKey(), sampleIv(), sampleCiphertext());

        JsonNode data = JsonMapper.shared().readTree(json);
        assertThat(data.path("nickName").stringValue()).isEqualTo(SAMPLE_NICK_NAME);
        assertThat(data.path("gender").intValue()).isEqualTo(1);
        assertThat(data.path("city").stringValue()).isEqualTo(SAMPLE_CITY);
        assertThat(data.path("unionId").stringValue()).isEqualTo(SAMPLE_UNION_ID);
        assertThat(data.path("avatarUrl").stringValue()).isEqualTo(SAMPLE_AVATAR_URL);
        assertThat(data.path("watermark").path("appid").stringValue()).isEqualTo(SAMPLE_APP_ID);
        assertThat(data.path("watermark").path("timestamp").longValue()).isEqualTo(SAMPLE_WATERMARK_TIMESTAMP);
    }

    @Test
    void encryptingTheSamplePlaintextReproducesWeChatsCiphertext() {
        // CBC with a fixed iv is deterministic, so encrypt must give back WeChat's exact bytes: this pins
        // the padding to standard PKCS#7.
        String json = OpenDataCipher.decrypt(sampleKey(), sampleIv(), sampleCiphertext());

        assertThat(OpenDataEncryptor.encrypt(sampleKey(), sampleIv(), json)).isEqualTo(sampleCiphertext());
    }

    @Test
    void anyOtherSessionKeyIsRejectedAsWrongKeyAndNeverReturnsText() {
        // Fixed seed so a failure can be replayed. With 2000 keys, about 8 pass the padding check by
        // chance (last byte 0x01), so this also exercises the UTF-8 check.
        Random random = new Random(20240611L);
        byte[] ciphertext = sampleCiphertext();
        List<String> keysThatReturnedText = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            if (Arrays.equals(key, sampleKey())) {
                continue;
            }
            OpenDataException e = catchThrowableOfType(
                    OpenDataException.class,
                    () -> keysThatReturnedText.add(Base64.getEncoder().encodeToString(key) + " -> "
                            + OpenDataCipher.decrypt(key, sampleIv(), ciphertext)));
            if (e != null) {
                assertThat(e.reason()).isEqualTo(OpenDataException.Reason.WRONG_KEY);
            }
        }
        assertThat(keysThatReturnedText).isEmpty();
    }

    @Test
    void wrongKeyWhosePaddingHappensToBeValidIsStillRejected() throws Exception {
        // Find a wrong key under which the plaintext ends in valid PKCS#7 padding, i.e. one that SDKs
        // checking padding only (or not at all) would accept and turn into garbage.
        Random random = new Random(7L);
        byte[] key = new byte[16];
        byte[] padded;
        do {
            random.nextBytes(key);
            padded = jce("AES/CBC/NoPadding", Cipher.DECRYPT_MODE, key, sampleIv(), sampleCiphertext());
        } while (!validPkcs7(padded) || Arrays.equals(key, sampleKey()));
        byte[] unpaddedByJdk = jce("AES/CBC/PKCS5Padding", Cipher.DECRYPT_MODE, key, sampleIv(), sampleCiphertext());
        assertThat(unpaddedByJdk)
                .as("the JDK's own padding check accepts this wrong key")
                .isNotEmpty();

        OpenDataException e = catchThrowableOfType(
                OpenDataException.class, () -> OpenDataCipher.decrypt(key, sampleIv(), sampleCiphertext()));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(OpenDataException.Reason.WRONG_KEY);
    }

    @Test
    void validPaddingAroundBytesThatAreNotUtf8IsWrongKey() throws Exception {
        // 0xC3 0x28 is an invalid two-byte sequence; E4 B8 is "中" cut short.
        for (byte[] notUtf8 : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'{', (byte) 0xE4, (byte) 0xB8})) {
            byte[] ciphertext = jce("AES/CBC/PKCS5Padding", Cipher.ENCRYPT_MODE, sampleKey(), sampleIv(), notUtf8);

            OpenDataException e = catchThrowableOfType(
                    OpenDataException.class, () -> OpenDataCipher.decrypt(sampleKey(), sampleIv(), ciphertext));

            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(OpenDataException.Reason.WRONG_KEY);
        }
    }

    @Test
    void tamperedLastBlockIsWrongKey() {
        byte[] ciphertext = sampleCiphertext();
        ciphertext[ciphertext.length - 1] ^= 0x01;

        assertThat(reasonOf(sampleKey(), sampleIv(), ciphertext)).isEqualTo(OpenDataException.Reason.WRONG_KEY);
    }

    @Test
    void tamperedPaddingByteIsWrongKey() {
        // In CBC, flipping a bit of the second-to-last block flips the same bit of the last plaintext
        // block: here the padding length byte, which becomes >= 0x80.
        byte[] ciphertext = sampleCiphertext();
        ciphertext[ciphertext.length - 17] ^= (byte) 0x80;

        assertThat(reasonOf(sampleKey(), sampleIv(), ciphertext)).isEqualTo(OpenDataException.Reason.WRONG_KEY);
    }

    @Test
    void paddingBytesThatDisagreeAreWrongKey() throws Exception {
        // Well-formed except that the two padding bytes differ (... 0x01 0x02).
        byte[] plain = "{\"nickName\":\"Band\"}".getBytes(StandardCharsets.UTF_8); // 19 bytes
        byte[] padded = Arrays.copyOf(plain, 32);
        Arrays.fill(padded, plain.length, 32, (byte) 13);
        padded[30] = 0x01;
        padded[31] = 0x02;
        byte[] ciphertext = jce("AES/CBC/NoPadding", Cipher.ENCRYPT_MODE, sampleKey(), sampleIv(), padded);

        assertThat(reasonOf(sampleKey(), sampleIv(), ciphertext)).isEqualTo(OpenDataException.Reason.WRONG_KEY);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 17, 31, 399, 401})
    void ciphertextThatIsNotWholeBlocksOrEmptyIsMalformed(int length) {
        byte[] ciphertext = Arrays.copyOf(sampleCiphertext(), length);

        assertThat(reasonOf(sampleKey(), sampleIv(), ciphertext)).isEqualTo(OpenDataException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 17, 24, 32})
    void sessionKeyOfWrongLengthIsMalformed(int length) {
        // 24 and 32 would be valid AES-192/256 keys, but WeChat's session_key is always 16 bytes.
        byte[] key = Arrays.copyOf(sampleKey(), length);

        assertThat(reasonOf(key, sampleIv(), sampleCiphertext())).isEqualTo(OpenDataException.Reason.MALFORMED);
        assertThat(catchThrowableOfType(OpenDataException.class, () -> OpenDataEncryptor.encrypt(key, sampleIv(), "x"))
                        .reason())
                .isEqualTo(OpenDataException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12, 15, 17, 32})
    void ivOfWrongLengthIsMalformed(int length) {
        byte[] iv = Arrays.copyOf(sampleIv(), length);

        assertThat(reasonOf(sampleKey(), iv, sampleCiphertext())).isEqualTo(OpenDataException.Reason.MALFORMED);
        assertThat(catchThrowableOfType(OpenDataException.class, () -> OpenDataEncryptor.encrypt(sampleKey(), iv, "x"))
                        .reason())
                .isEqualTo(OpenDataException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a",
                "0123456789abcdef", // exactly one block: a whole block of padding follows
                "{\"nickName\":\"微信用户\",\"city\":\"广州\"}",
                "表情 😀👍🏽 and 🇨🇳 flags",
                "𠮷野家",
                "中文中文中文中文中文中文", // 36 bytes
            })
    void roundTripsUnicodeText(String text) {
        byte[] key = Base64.getDecoder().decode("o0q0otL8aEzpcZL/FT9WsQ==");
        byte[] iv = sampleIv();

        byte[] ciphertext = OpenDataEncryptor.encrypt(key, iv, text);

        assertThat(ciphertext.length % 16).isZero();
        assertThat(ciphertext.length).isGreaterThan(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(OpenDataCipher.decrypt(key, iv, ciphertext)).isEqualTo(text);
    }

    @Test
    void exceptionMessagesNeverContainTheKey() {
        byte[] wrongKey = Base64.getDecoder().decode("HyVFkGl5F5OQWJZZaNzBBg==");
        byte[] tampered = sampleCiphertext();
        tampered[tampered.length - 1] ^= 0x01;
        List<byte[]> keys = List.of(sampleKey(), wrongKey);
        List<OpenDataException> failures = List.of(
                failure(wrongKey, sampleIv(), sampleCiphertext()),
                failure(sampleKey(), sampleIv(), tampered),
                failure(sampleKey(), sampleIv(), Arrays.copyOf(sampleCiphertext(), 17)),
                failure(sampleKey(), new byte[15], sampleCiphertext()),
                failure(Arrays.copyOf(sampleKey(), 15), sampleIv(), sampleCiphertext()));

        for (OpenDataException e : failures) {
            String everything = e.toString() + " " + e.getCause();
            for (byte[] key : keys) {
                assertThat(everything)
                        .doesNotContain(Base64.getEncoder().encodeToString(key))
                        .doesNotContain(Base64.getEncoder().encodeToString(key).replace("=", ""))
                        .doesNotContainIgnoringCase(HexFormat.of().formatHex(key))
                        .doesNotContain(Arrays.toString(key));
            }
            assertThat(everything).doesNotContain(SAMPLE_SESSION_KEY).doesNotContain(SAMPLE_NICK_NAME);
        }
    }

    private static OpenDataException.Reason reasonOf(byte[] key, byte[] iv, byte[] ciphertext) {
        return failure(key, iv, ciphertext).reason();
    }

    private static OpenDataException failure(byte[] key, byte[] iv, byte[] ciphertext) {
        OpenDataException e =
                catchThrowableOfType(OpenDataException.class, () -> OpenDataCipher.decrypt(key, iv, ciphertext));
        assertThat(e).as("decrypt should have thrown OpenDataException").isNotNull();
        return e;
    }

    /** Independent AES via the JDK, not via the class under test. */
    private static byte[] jce(String transformation, int mode, byte[] key, byte[] iv, byte[] input) throws Exception {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(input);
    }

    private static boolean validPkcs7(byte[] padded) {
        int pad = padded[padded.length - 1] & 0xff;
        if (pad < 1 || pad > 16) {
            return false;
        }
        for (int i = padded.length - pad; i < padded.length; i++) {
            if ((padded[i] & 0xff) != pad) {
                return false;
            }
        }
        return true;
    }
}
