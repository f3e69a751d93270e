package io.github.wxlogin.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Baidu's open-data encryption as its page 用户数据的签名验证和加解密 describes it
 * (https://smartprogram.baidu.com/docs/develop/api/open/log_userdata/): AES-192-CBC under
 * base64-decode(session_key), the plaintext 16 random bytes + the data's length (4 bytes, big-endian) +
 * the data + the app's AppKey, padded PKCS#7-style to 32-byte blocks.
 */
final class BaiduCrypto {

    static final int IV_BYTES = 16;
    private static final int PAD_BLOCK = 32;

    private BaiduCrypto() {}

    static byte[] encrypt(String sessionKey, byte[] iv, String data, String appKey) {
        byte[] text = data.getBytes(StandardCharsets.UTF_8);
        byte[] key = appKey.getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + text.length + key.length;
        int pad = PAD_BLOCK - length % PAD_BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(Randoms.bytes(16)).putInt(text.length).put(text).put(key);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        return aes(Cipher.ENCRYPT_MODE, sessionKey, iv, plain.array());
    }

    /** The data and the trailer; for tests, as Baidu's sample decrypts (the padding stripped, not checked). */
    static String[] decrypt(String sessionKey, byte[] iv, byte[] encrypted) {
        byte[] plain = aes(Cipher.DECRYPT_MODE, sessionKey, iv, encrypted);
        int end = plain.length - (plain[plain.length - 1] & 0xff);
        int n = ByteBuffer.wrap(plain, 16, 4).getInt();
        return new String[] {
            new String(plain, 20, n, StandardCharsets.UTF_8),
            new String(Arrays.copyOfRange(plain, 20 + n, end), StandardCharsets.UTF_8)
        };
    }

    private static byte[] aes(int mode, String sessionKey, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(
                    mode, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        }
    }
}
