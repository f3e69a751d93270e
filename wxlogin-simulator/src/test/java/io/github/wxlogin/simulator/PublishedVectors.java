package io.github.wxlogin.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's published vectors, from {@code testdata/wechat-vectors.json} at the repository root (on
 * the test classpath as {@code /wechat-vectors.json}; wxlogin-core's tests read the same file). Where
 * each value was published is written beside it there.
 */
final class PublishedVectors {

    private static final JsonNode FILE = read("/wechat-vectors.json");

    /** WeChat's open-data sample: the WXBizDataCrypt demo. */
    record OpenData(String appId, String sessionKey, String iv, String encryptedData, String decryptedData) {}

    /** A signature WeChat worked out: of {@code message} under {@code sessionKey}. */
    record Signature(String sessionKey, String message, String signature) {}

    static final OpenData OPEN_DATA = new OpenData(
            text("openData", "appId"),
            text("openData", "sessionKey"),
            text("openData", "iv"),
            text("openData", "encryptedData"),
            text("openData", "decryptedData"));

    /** {@code sha1(rawData + session_key)}. */
    static final Signature RAW_DATA = new Signature(
            text("rawDataSignature", "sessionKey"),
            text("rawDataSignature", "rawData"),
            text("rawDataSignature", "signature"));

    /** {@code hmac_sha256} keyed with the session_key text, over a POST body. */
    static final Signature LOGIN_STATE = new Signature(
            text("loginStateSignature", "sessionKey"),
            text("loginStateSignature", "body"),
            text("loginStateSignature", "signature"));

    /** The same over the empty body of a GET (computed with openssl, not published: see the file). */
    static final Signature LOGIN_STATE_EMPTY_BODY = new Signature(
            text("loginStateSignatureOfEmptyBody", "sessionKey"),
            text("loginStateSignatureOfEmptyBody", "body"),
            text("loginStateSignatureOfEmptyBody", "signature"));

    private PublishedVectors() {}

    private static String text(String vector, String field) {
        return FILE.required(vector).required(field).stringValue();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PublishedVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (testdata/ in the pom)");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
