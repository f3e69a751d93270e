package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's side of WeChat's session_key crypto, on the JDK alone and written from WeChat's
 * pages, so that the service's own crypto is checked against the documented behaviour rather than
 * against itself.
 *
 * <p>Open data ("开放数据校验与解密",
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html): AES-128-CBC
 * with PKCS#7 padding, key = Base64_Decode(session_key), iv = Base64_Decode(iv); the plaintext is JSON
 * carrying {@code watermark{appid, timestamp}}. The raw user data is signed as
 * {@code sha1(rawData + session_key)}.
 *
 * <p>Login state ("用户登录态签名",
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/session-signature.html):
 * {@code hmac_sha256} keyed with the session_key as WeChat hands it out (its base64 text) over the
 * request body, the empty string for a GET.
 */
final class SimCrypto {

    /** A WeChat session_key decodes to 16 bytes, an AES-128 key; the iv is one AES block. */
    static final int KEY_BYTES = 16;

    static final int IV_BYTES = 16;

    // The JDK's "PKCS5Padding" is PKCS#7 for AES's 16-byte blocks.
    private static final String OPEN_DATA_CIPHER = "AES/CBC/PKCS5Padding";

    private SimCrypto() {}

    /** The open data as the phone would receive it: {@code text} encrypted under the session_key and iv. */
    static byte[] encryptOpenData(String sessionKey, byte[] iv, String text) {
        return aes(Cipher.ENCRYPT_MODE, sessionKey, iv, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The inverse of {@link #encryptOpenData}; it lets the tests pin the simulator to WeChat's sample. */
    static String decryptOpenData(String sessionKey, byte[] iv, byte[] encrypted) {
        return new String(aes(Cipher.DECRYPT_MODE, sessionKey, iv, encrypted), StandardCharsets.UTF_8);
    }

    /** {@code sha1(rawData + session_key)}, lower-case hex: the {@code signature} beside open data. */
    static String rawDataSignature(String rawData, String sessionKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest((rawData + sessionKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    /** {@code hmac_sha256} keyed with the session_key text over {@code body}, lower-case hex. */
    static String loginStateSignature(String sessionKey, String body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    /** Whether a presented hex signature is the expected one, in either case; compared in constant time. */
    static boolean sameSignature(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] aes(int mode, String sessionKey, byte[] iv, byte[] input) {
        byte[] key = Base64.getDecoder().decode(sessionKey);
        // Messages name the problem, never the key.
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a session_key decodes to " + KEY_BYTES + " bytes");
        }
        if (iv.length != IV_BYTES) {
            throw new IllegalArgumentException("an iv is " + IV_BYTES + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance(OPEN_DATA_CIPHER);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "open data does not go through AES-128-CBC under this session_key and iv", e);
        }
    }
}
