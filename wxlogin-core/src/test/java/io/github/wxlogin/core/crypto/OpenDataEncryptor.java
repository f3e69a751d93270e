package io.github.wxlogin.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open data encrypted as WeChat encrypts it (AES-128-CBC, PKCS#7, key = base64(session_key)), for tests
 * that need ciphertext of their own choosing. The service only ever decrypts ({@link OpenDataCipher}),
 * so this lives with the tests, in core's test-jar for the server's tests too.
 */
public final class OpenDataEncryptor {

    private static final int BLOCK = 16;

    private OpenDataEncryptor() {}

    /** Encrypts UTF-8 text; a key or iv that is not 16 bytes is {@link OpenDataException.Reason#MALFORMED}. */
    public static byte[] encrypt(byte[] sessionKey, byte[] iv, String plaintext) {
        if (sessionKey.length != BLOCK) {
            throw new OpenDataException(OpenDataException.Reason.MALFORMED, "session_key must be 16 bytes");
        }
        if (iv.length != BLOCK) {
            throw new OpenDataException(OpenDataException.Reason.MALFORMED, "iv must be 16 bytes");
        }
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        int pad = BLOCK - plain.length % BLOCK;
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        Arrays.fill(padded, plain.length, padded.length, (byte) pad);
        return encryptBlocks(sessionKey, iv, padded);
    }

    /**
     * Encrypts whole blocks as they are, adding no padding: for tests of what the service does with
     * plaintext WeChat would never send (wrong padding, bytes that are not UTF-8).
     */
    public static byte[] encryptBlocks(byte[] sessionKey, byte[] iv, byte[] padded) {
        if (padded.length == 0 || padded.length % BLOCK != 0) {
            throw new IllegalArgumentException("whole 16-byte blocks only");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(padded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        }
    }
}
