package io.github.wxlogin.core.kuaishou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.OpenDataException;
import io.github.wxlogin.core.crypto.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kuaishou's open-data crypto is WeChat's cipher, and the core's one implementation of it holds for
 * Kuaishou: pinned to {@code testdata/kuaishou-vectors.json}, derived with OpenSSL and checked with
 * Python from Kuaishou's description (Kuaishou publishes no ciphertext sample). Its data carries no
 * watermark; a wrong key is refused, never handed back as garbage.
 */
class KuaishouVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void kuaishouUserInfoDecryptsToTheDerivedPlaintextWithoutAWatermark() {
        JsonNode v = FILE.required("openData");

        String text = OpenDataCipher.decrypt(bytes(v, "sessionKey"), bytes(v, "iv"), bytes(v, "encryptedData"));

        assertThat(text).isEqualTo(v.required("decryptedData").stringValue());
        JsonNode data = JsonMapper.shared().readTree(text);
        assertThat(data.has("watermark")).isFalse();
        assertThat(data.required("nickName").stringValue()).isEqualTo("快手用户 Kai");
    }

    @Test
    void kuaishouPhoneDataDecryptsToPhoneNumberAndCountryCodeOnly() {
        JsonNode v = FILE.required("phoneData");

        String text = OpenDataCipher.decrypt(bytes(v, "sessionKey"), bytes(v, "iv"), bytes(v, "encryptedData"));

        assertThat(text).isEqualTo(v.required("decryptedData").stringValue());
        JsonNode phone = JsonMapper.shared().readTree(text);
        assertThat(phone.required("phoneNumber").stringValue()).isEqualTo("13800138000");
        assertThat(phone.has("purePhoneNumber")).isFalse();
    }

    @Test
    void underAnotherKeyTheDataDoesNotDecrypt() {
        JsonNode v = FILE.required("openData");
        byte[] wrongKey = Base64.getDecoder().decode("HyVFkGl5F5OQWJZZaNzBBg==");

        OpenDataException e = catchThrowableOfType(
                OpenDataException.class,
                () -> OpenDataCipher.decrypt(wrongKey, bytes(v, "iv"), bytes(v, "encryptedData")));

        assertThat(e).isNotNull();
    }

    @Test
    void theRawDataSignatureIsSha1OfRawDataAndTheSessionKey() {
        JsonNode v = FILE.required("rawDataSignature");
        String rawData = v.required("rawData").stringValue();
        String sessionKey = v.required("sessionKey").stringValue();

        String signature = Signatures.rawDataSignature(rawData, sessionKey);

        assertThat(signature).isEqualTo(v.required("signature").stringValue());
        assertThat(Signatures.rawDataSignature(rawData.replace("Kai", "Kay"), sessionKey))
                .isNotEqualTo(signature);
    }

    private static byte[] bytes(JsonNode v, String field) {
        return Base64.getDecoder().decode(v.required(field).stringValue());
    }

    private static JsonNode read() {
        try (InputStream in = KuaishouVectorsTest.class.getResourceAsStream("/kuaishou-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "/kuaishou-vectors.json is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
