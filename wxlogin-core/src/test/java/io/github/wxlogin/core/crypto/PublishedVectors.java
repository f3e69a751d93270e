package io.github.wxlogin.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test vectors published by WeChat, read from {@code testdata/wechat-vectors.json} at the repository
 * root (on the test classpath as {@code /wechat-vectors.json}). The simulator's tests read the same
 * file; where each value was published is written beside it there. None is computed by the code
 * under test.
 */
public final class PublishedVectors {

    private static final JsonNode FILE = read("/wechat-vectors.json");

    // Open-data decryption sample: WeChat's WXBizDataCrypt demo.
    private static final JsonNode OPEN_DATA = FILE.required("openData");
    private static final JsonNode DECRYPTED = JsonMapper.shared().readTree(text(OPEN_DATA, "decryptedData"));

    public static final String SAMPLE_APP_ID = text(OPEN_DATA, "appId");
    public static final String SAMPLE_SESSION_KEY = text(OPEN_DATA, "sessionKey");
    public static final String SAMPLE_IV = text(OPEN_DATA, "iv");
    public static final String SAMPLE_ENCRYPTED_DATA = text(OPEN_DATA, "encryptedData");

    // Expected decrypted fields, from the demo's "解密后的数据为".
    public static final String SAMPLE_NICK_NAME = text(DECRYPTED, "nickName");
    public static final String SAMPLE_CITY = text(DECRYPTED, "city");
    public static final String SAMPLE_UNION_ID = text(DECRYPTED, "unionId");
    static final String SAMPLE_AVATAR_URL = text(DECRYPTED, "avatarUrl");
    public static final long SAMPLE_WATERMARK_TIMESTAMP =
            DECRYPTED.required("watermark").required("timestamp").longValue();

    // rawData signature, signature = sha1(rawData + session_key): the worked example of WeChat's page.
    private static final JsonNode RAW = FILE.required("rawDataSignature");
    public static final String RAW_DATA = text(RAW, "rawData");
    public static final String RAW_DATA_SESSION_KEY = text(RAW, "sessionKey");
    public static final String RAW_DATA_SIGNATURE = text(RAW, "signature");

    // Login-state signature, hmac_sha256 keyed with the session_key string: WeChat's 签名示例.
    private static final JsonNode LOGIN_STATE = FILE.required("loginStateSignature");
    static final String LOGIN_STATE_SESSION_KEY = text(LOGIN_STATE, "sessionKey");
    static final String LOGIN_STATE_BODY = text(LOGIN_STATE, "body");
    static final String LOGIN_STATE_SIGNATURE = text(LOGIN_STATE, "signature");

    // The GET case (body ""): not published by WeChat; computed with openssl and python (see the file).
    static final String LOGIN_STATE_EMPTY_BODY_SIGNATURE =
            text(FILE.required("loginStateSignatureOfEmptyBody"), "signature");

    private PublishedVectors() {}

    static byte[] sampleKey() {
        return Base64.getDecoder().decode(SAMPLE_SESSION_KEY);
    }

    static byte[] sampleIv() {
        return Base64.getDecoder().decode(SAMPLE_IV);
    }

    static byte[] sampleCiphertext() {
        return Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
    }

    private static String text(JsonNode node, String field) {
        return node.required(field).stringValue();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PublishedVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (testdata/ in the pom)");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
