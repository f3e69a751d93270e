package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's crypto for QQ apps against {@code testdata/qq-vectors.json} (derived with OpenSSL
 * and Python from QQ's description: QQ publishes no usable vector), so the simulator and the core are
 * pinned to the same independent values and not to each other.
 */
class QqVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void theSimulatorEncryptsTheDerivedPlaintextToTheDerivedCiphertext() {
        JsonNode v = FILE.required("openData");
        byte[] iv = Base64.getDecoder().decode(v.required("iv").stringValue());

        byte[] encrypted = SimCrypto.encryptOpenData(
                v.required("sessionKey").stringValue(),
                iv,
                v.required("decryptedData").stringValue());

        assertThat(Base64.getEncoder().encodeToString(encrypted))
                .isEqualTo(v.required("encryptedData").stringValue());
    }

    @Test
    void theSimulatorSignsQqsExampleRawDataWithTheDerivedSignature() {
        JsonNode v = FILE.required("rawDataSignature");

        String signature = SimCrypto.rawDataSignature(
                v.required("rawData").stringValue(), v.required("sessionKey").stringValue());

        assertThat(signature)
                .isEqualTo(v.required("signature").stringValue())
                .isNotEqualTo(v.required("publishedSignature").stringValue());
    }

    private static JsonNode read() {
        try (InputStream in = QqVectorsTest.class.getResourceAsStream("/qq-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("/qq-vectors.json is not on the test classpath (testdata/ in the pom)");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
