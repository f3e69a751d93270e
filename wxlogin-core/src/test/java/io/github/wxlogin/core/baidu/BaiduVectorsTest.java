package io.github.wxlogin.core.baidu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.crypto.Base64s;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baidu's open-data format pinned to {@code testdata/baidu-vectors.json}: Baidu's own published sample,
 * and vectors derived with OpenSSL for the dev demo app (open data, the phone button's data, and data
 * carrying another app's AppKey trailer).
 */
class BaiduVectorsTest {

    private static final JsonNode FILE = read();

    @Test
    void baidusPublishedSampleDecryptsToItsPublishedResult() {
        JsonNode v = FILE.required("published");

        assertThat(open(v, v.required("appKey").stringValue()))
                .isEqualTo(v.required("decryptedData").stringValue());
    }

    @Test
    void theDerivedOpenDataAndPhoneDataDecryptForTheirApp() {
        for (String name : new String[] {"openData", "phone"}) {
            JsonNode v = FILE.required(name);

            assertThat(open(v, v.required("appKey").stringValue()))
                    .as(name)
                    .isEqualTo(v.required("decryptedData").stringValue());
        }
    }

    @Test
    void dataWithAnotherAppsTrailerIsRefusedThoughItDecrypts() {
        JsonNode v = FILE.required("otherApp");

        assertThat(open(v, v.required("appKey").stringValue())).isNull();
        assertThat(open(v, v.required("trailer").stringValue()))
                .isEqualTo(v.required("decryptedData").stringValue());
    }

    @Test
    void aWrongSessionKeyIsRefusedNotHandedBackAsGarbage() {
        JsonNode v = FILE.required("openData");
        byte[] key = bytes(v, "sessionKey");
        key[0] ^= 1;

        assertThat(new BaiduOpenData(v.required("appKey").stringValue())
                        .open(key, bytes(v, "iv"), bytes(v, "encryptedData")))
                .isEmpty();
    }

    @Test
    void aSixteenByteKeyOrATruncatedCiphertextIsRefused() {
        JsonNode v = FILE.required("openData");
        BaiduOpenData format = new BaiduOpenData(v.required("appKey").stringValue());
        byte[] data = bytes(v, "encryptedData");

        assertThat(format.open(Arrays.copyOf(bytes(v, "sessionKey"), 16), bytes(v, "iv"), data))
                .isEmpty();
        assertThat(format.open(bytes(v, "sessionKey"), bytes(v, "iv"), Arrays.copyOf(data, data.length - 16)))
                .isEmpty();
    }

    private static String open(JsonNode v, String appKey) {
        return new BaiduOpenData(appKey)
                .open(bytes(v, "sessionKey"), bytes(v, "iv"), bytes(v, "encryptedData"))
                .orElse(null);
    }

    private static byte[] bytes(JsonNode v, String field) {
        return Base64s.decodeLenient(v.required(field).stringValue()).orElseThrow();
    }

    private static JsonNode read() {
        try (InputStream in = BaiduVectorsTest.class.getResourceAsStream("/baidu-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "/baidu-vectors.json is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
