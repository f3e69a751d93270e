package io.github.wxlogin.core.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vectors of {@code testdata/alipay-vectors.json} (on the test classpath as {@code /alipay-vectors.json}):
 * derived once with openssl from Alipay's documented algorithms, since Alipay publishes none; how each
 * was made is written beside it there. The simulator's tests read the same file.
 */
final class AlipayVectors {

    static final JsonNode FILE = read("/alipay-vectors.json");
    static final JsonNode KEYS = FILE.required("keys");
    static final JsonNode REQUEST = FILE.required("requestSignature");
    static final JsonNode RESPONSE = FILE.required("oauthTokenResponse");
    static final JsonNode ERROR = FILE.required("errorResponse");
    static final JsonNode PHONE = FILE.required("phone");

    private AlipayVectors() {}

    static String text(JsonNode node, String field) {
        return node.required(field).stringValue();
    }

    static PrivateKey appPrivateKey() {
        return AlipayKeyText.privateKey(text(KEYS, "appPrivateKeyPkcs8Pem"));
    }

    static PublicKey appPublicKey() {
        return AlipayKeyText.publicKey(text(KEYS, "appPublicKeyPem"));
    }

    static PrivateKey alipayPrivateKey() {
        return AlipayKeyText.privateKey(text(KEYS, "alipayPrivateKeyPkcs8Pem"));
    }

    static PublicKey alipayPublicKey() {
        return AlipayKeyText.publicKey(text(KEYS, "alipayPublicKeyBase64"));
    }

    static Map<String, String> requestParams() {
        Map<String, String> params = new LinkedHashMap<>();
        REQUEST.required("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().stringValue()));
        return params;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AlipayVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
