package io.github.wxlogin.core.qq;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * QQ's open-data crypto is WeChat's, and the core's one implementation of it holds for QQ: pinned to
 * {@code testdata/qq-vectors.json}, derived with OpenSSL and Python from QQ's description (QQ
 * publishes no decryption sample, and its signature example is WeChat's hash under another rawData).
 */
class QqVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void qqOpenDataDecryptsToTheDerivedPlaintextWithItsWatermark() {
        JsonNode v = FILE.required("openData");

        String text = OpenDataCipher.decrypt(bytes(v, "sessionKey"), bytes(v, "iv"), bytes(v, "encryptedData"));

        assertThat(text).isEqualTo(v.required("decryptedData").stringValue());
        JsonNode data = JsonMapper.shared().readTree(text);
        assertThat(data.required("watermark").required("appid").stringValue())
                .isEqualTo(v.required("appId").stringValue());
        assertThat(data.required("nickName").stringValue()).isEqualTo("小明 Band");
    }

    @Test
    void theRawDataSignatureOfQqsExampleIsTheDerivedOneNotTheHashQqPrints() {
        JsonNode v = FILE.required("rawDataSignature");
        String rawData = v.required("rawData").stringValue();
        String sessionKey = v.required("sessionKey").stringValue();

        String signature = Signatures.rawDataSignature(rawData, sessionKey);

        assertThat(signature).isEqualTo(v.required("signature").stringValue());
        assertThat(Signatures.matches(
                        signature, v.required("publishedSignature").stringValue()))
                .as("QQ's printed value is WeChat's hash of a wx.qlogo.cn rawData")
                .isFalse();
    }

    private static byte[] bytes(JsonNode v, String field) {
        return Base64.getDecoder().decode(v.required(field).stringValue());
    }

    private static JsonNode read() {
        try (InputStream in = QqVectorsTest.class.getResourceAsStream("/qq-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("/qq-vectors.json is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
