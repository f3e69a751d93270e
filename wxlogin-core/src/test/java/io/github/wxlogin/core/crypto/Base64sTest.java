package io.github.wxlogin.core.crypto;

import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_ENCRYPTED_DATA;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_IV;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_NICK_NAME;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleCiphertext;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleIv;
import static io.github.wxlogin.core.crypto.PublishedVectors.sampleKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base64sTest {

    @Test
    void plusTurnedIntoSpaceIsTolerated() {
        // WeChat's sample encryptedData holds five '+'; form-style URL decoding turns them into spaces.
        String bent = SAMPLE_ENCRYPTED_DATA.replace('+', ' ');
        assertThat(bent).doesNotContain("+").contains(" ");

        byte[] ciphertext = Base64s.decodeLenient(bent).orElseThrow();

        assertThat(ciphertext).isEqualTo(sampleCiphertext());
        assertThat(OpenDataCipher.decrypt(sampleKey(), sampleIv(), ciphertext))
                .contains("\"nickName\":\"" + SAMPLE_NICK_NAME + "\"");
    }

    @Test
    void missingPaddingIsTolerated() {
        assertThat(Base64s.decodeLenient(SAMPLE_ENCRYPTED_DATA.replace("=", "")))
                .hasValue(sampleCiphertext());
        assertThat(Base64s.decodeLenient(SAMPLE_SESSION_KEY.replace("=", ""))).hasValue(sampleKey());
        assertThat(Base64s.decodeLenient(SAMPLE_IV.replace("=", ""))).hasValue(sampleIv());
        assertThat(Base64s.decodeLenient("YWI")).hasValue(new byte[] {'a', 'b'});
    }

    @Test
    void bentSampleDecryptsEndToEnd() {
        // Every field as a careless client might send it: spaces for '+', padding dropped.
        byte[] key = Base64s.decodeLenient(SAMPLE_SESSION_KEY.replace("=", "")).orElseThrow();
        byte[] iv = Base64s.decodeLenient(SAMPLE_IV.replace("=", "")).orElseThrow();
        byte[] data = Base64s.decodeLenient(
                        SAMPLE_ENCRYPTED_DATA.replace('+', ' ').replace("=", ""))
                .orElseThrow();

        assertThat(OpenDataCipher.decrypt(key, iv, data)).contains("\"appid\":\"wx4f4bc4dec97d474b\"");
    }

    @Test
    void wellFormedBase64DecodesAsIs() {
        assertThat(Base64s.decodeLenient(SAMPLE_ENCRYPTED_DATA)).hasValue(sampleCiphertext());
        assertThat(Base64s.decodeLenient("\n" + SAMPLE_IV + "\n")).hasValue(sampleIv());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"%%%", "", "   ", "\n", "AAAAA", "tiihtNczf5v6AKRyjwEUhQ==%3D", "a=b="})
    void garbageIsEmpty(String garbage) {
        assertThat(Base64s.decodeLenient(garbage)).isEmpty();
    }

    @Test
    void plusTurnedIntoSpaceIsToleratedAtTheEdges() {
        byte[] iv = sampleIv();
        iv[0] = (byte) 0xF8; // base64 starts with '+'
        String leading = Base64.getEncoder().encodeToString(iv);
        assertThat(leading).startsWith("+");

        byte[] fifteen = new byte[15];
        fifteen[14] = (byte) 0x3E; // 15 bytes -> 20 chars, no padding, last char '+'
        String trailing = Base64.getEncoder().encodeToString(fifteen);
        assertThat(trailing).endsWith("+");

        assertThat(Base64s.decodeLenient(leading.replace('+', ' '))).hasValue(iv);
        assertThat(Base64s.decodeLenient(trailing.replace('+', ' '))).hasValue(fifteen);
    }
}
