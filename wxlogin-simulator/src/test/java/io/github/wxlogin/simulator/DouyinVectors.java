package io.github.wxlogin.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/**
 * Douyin's vectors, from {@code testdata/douyin-vectors.json} (wxlogin-core's tests read the same file):
 * derived once by hand with OpenSSL from Douyin's documented algorithms, since Douyin publishes none.
 */
final class DouyinVectors {

    static final JsonNode FILE = read();

    static final JsonNode OPEN_DATA = FILE.required("openData");
    static final JsonNode PHONE_ENCRYPTED_DATA = FILE.required("phoneEncryptedData");
    static final JsonNode PHONE_CODE = FILE.required("phoneCode");

    private DouyinVectors() {}

    static String text(JsonNode node, String field) {
        return node.required(field).asString();
    }

    private static JsonNode read() {
        try (InputStream in = DouyinVectors.class.getResourceAsStream("/douyin-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("douyin-vectors.json is not on the test classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
