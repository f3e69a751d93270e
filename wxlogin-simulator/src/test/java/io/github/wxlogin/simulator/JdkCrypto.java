package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own WeChat crypto, straight on the JDK and apart from the simulator's {@link SimCrypto}:
 * what the tests check the simulator's output with. {@link WeChatVectorsTest} pins it to WeChat's
 * published vectors, so the simulator is never checked against itself alone.
 */
final class JdkCrypto {

    private JdkCrypto() {}

    /**
     * AES-128-CBC under base64decode(session_key) and base64decode(iv), then PKCS#7 removed by hand with
     * every padding byte checked, as WeChat's "开放数据校验与解密" describes.
     */
    static String decrypt(String sessionKey, String iv, String encryptedData) {
        byte[] padded;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
                    new IvParameterSpec(Base64.getDecoder().decode(iv)));
            padded = aes.doFinal(Base64.getDecoder().decode(encryptedData));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int pad = padded[padded.length - 1];
        if (pad < 1 || pad > 16) {
            throw new IllegalArgumentException("not PKCS#7: last byte " + pad);
        }
        for (int i = padded.length - pad; i < padded.length; i++) {
            if (padded[i] != pad) {
                throw new IllegalArgumentException("not PKCS#7: padding bytes differ");
            }
        }
        return new String(Arrays.copyOf(padded, padded.length - pad), StandardCharsets.UTF_8);
    }

    /** SHA-1 of the UTF-8 text, lower-case hex: {@code sha1Hex(rawData + sessionKey)} is WeChat's signature. */
    static String sha1Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code hmac_sha256} with the session_key text as key, over {@code message}, lower-case hex. */
    static String hmacSha256Hex(String sessionKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
