package io.github.wxlogin.core.douyin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Douyin's vectors, from {@code testdata/douyin-vectors.json} at the repository root (the simulator's
 * tests read the same file): derived once by hand with OpenSSL from Douyin's documented algorithms,
 * since Douyin publishes none; how each was made is written beside it there.
 */
public final class DouyinVectors {

    private static final JsonNode FILE = read();

    public static final JsonNode OPEN_DATA = FILE.required("openData");
    public static final JsonNode PHONE_ENCRYPTED_DATA = FILE.required("phoneEncryptedData");
    public static final JsonNode PHONE_CODE = FILE.required("phoneCode");

    private DouyinVectors() {}

    public static String text(JsonNode node, String field) {
        return node.required(field).asString();
    }

    private static JsonNode read() {
        try (InputStream in = DouyinVectors.class.getResourceAsStream("/douyin-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("douyin-vectors.json is not on the test classpath");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
