package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's crypto for Kuaishou apps against {@code testdata/kuaishou-vectors.json} (derived with
 * OpenSSL and checked with Python from Kuaishou's description: Kuaishou publishes no ciphertext), so the
 * simulator and the core are pinned to the same independent values and not to each other.
 */
class KuaishouVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void theSimulatorEncryptsTheDerivedUserInfoAndPhoneToTheDerivedCiphertexts() {
        for (String entry : new String[] {"openData", "phoneData"}) {
            JsonNode v = FILE.required(entry);
            byte[] iv = Base64.getDecoder().decode(v.required("iv").stringValue());

            byte[] encrypted = SimCrypto.encryptOpenData(
                    v.required("sessionKey").stringValue(),
                    iv,
                    v.required("decryptedData").stringValue());

            assertThat(Base64.getEncoder().encodeToString(encrypted))
                    .as(entry)
                    .isEqualTo(v.required("encryptedData").stringValue());
        }
    }

    @Test
    void theSimulatorSignsRawDataWithTheDerivedSignature() {
        JsonNode v = FILE.required("rawDataSignature");

        assertThat(SimCrypto.rawDataSignature(
                        v.required("rawData").stringValue(),
                        v.required("sessionKey").stringValue()))
                .isEqualTo(v.required("signature").stringValue());
    }

    private static JsonNode read() {
        try (InputStream in = KuaishouVectorsTest.class.getResourceAsStream("/kuaishou-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "/kuaishou-vectors.json is not on the test classpath (testdata/ in the pom)");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
