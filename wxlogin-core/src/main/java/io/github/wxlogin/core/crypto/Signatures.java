package io.github.wxlogin.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two signatures WeChat defines over a session_key. */
public final class Signatures {

    private Signatures() {}

    /**
     * Open-data signature: {@code sha1(rawData + session_key)} in lower-case hex.
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
     */
    public static String rawDataSignature(String rawData, String sessionKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((rawData + sessionKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    /**
     * Login-state signature: HMAC-SHA256 keyed with the session_key string as sent by WeChat (its
     * base64 text, not the decoded bytes) over the request body, "" for a GET. Lower-case hex.
     * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/session-signature.html
     */
    public static String loginStateSignature(String sessionKey, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Compares two hex signatures in constant time, ignoring case; null never matches. */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
