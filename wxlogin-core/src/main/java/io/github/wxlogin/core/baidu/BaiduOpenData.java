package io.github.wxlogin.core.baidu;

import io.github.wxlogin.core.opendata.OpenDataFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Baidu's open data (用户数据的签名验证和加解密, https://smartprogram.baidu.com/docs/develop/api/open/log_userdata/):
 * AES-192-CBC, key = base64-decode(session_key) (24 bytes), iv = base64-decode(iv); the plaintext is 16
 * random bytes, a 4-byte big-endian length N, N bytes of data, then the app's AppKey; PKCS#7 padding to
 * 32-byte blocks (Baidu's sample strips 1 to 32 bytes), which Java's PKCS5Padding refuses, so it is
 * checked here by hand.
 *
 * <p>Strict where Baidu's samples are lenient: the padding must be 1 to 32 bytes all of its value, N must
 * fit, the data must be UTF-8, and the trailer must be exactly this app's AppKey, compared in constant
 * time; data of another app is refused like data under a wrong key. Every failure is the same empty
 * answer ({@link OpenDataFormat}). Baidu's data has no watermark: the trailer is the app check
 * ({@link BaiduPlatform#openDataBelongs}).
 */
final class BaiduOpenData implements OpenDataFormat {

    static final int KEY_BYTES = 24;
    static final int IV_BYTES = 16;
    static final int PAD_BLOCK = 32;
    private static final int RANDOM_BYTES = 16;
    private static final int LENGTH_BYTES = 4;

    private final byte[] appKey;

    /** @param appKey the app's AppKey, which Baidu appends to each plaintext */
    BaiduOpenData(String appKey) {
        this.appKey = appKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> open(byte[] key, byte[] iv, byte[] data) {
        if (key.length != KEY_BYTES || iv.length != IV_BYTES || data.length == 0 || data.length % 16 != 0) {
            return Optional.empty();
        }
        byte[] plain = decrypt(key, iv, data);
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
            return Optional.empty();
        }
        int bad = 0;
        for (int i = plain.length - pad; i < plain.length; i++) {
            bad |= (plain[i] & 0xff) ^ pad;
        }
        if (bad != 0) {
            return Optional.empty();
        }
        int end = plain.length - pad;
        if (end < RANDOM_BYTES + LENGTH_BYTES) {
            return Optional.empty();
        }
        long n = ByteBuffer.wrap(plain, RANDOM_BYTES, LENGTH_BYTES).getInt() & 0xffffffffL;
        long start = RANDOM_BYTES + LENGTH_BYTES;
        if (n > end - start) {
            return Optional.empty();
        }
        byte[] trailer = Arrays.copyOfRange(plain, (int) (start + n), end);
        if (!MessageDigest.isEqual(trailer, appKey)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain, (int) start, (int) n))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] decrypt(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        }
    }
}
