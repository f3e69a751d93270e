package io.github.wxlogin.core.alipay;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alipay's content encryption (接口内容加密方式): AES in CBC mode with an all-zero IV and PKCS#5/7
 * padding, under the app's AES key, the ciphertext base64. As Alipay's Java SDK
 * (com.alipay.api.internal.util.encrypt.impl.AesEncrypt: {@code AES/CBC/PKCS5Padding}, IV of 16 zero
 * bytes) and https://opendocs.alipay.com/common/02mse3.
 */
final class AlipayContentCipher {

    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final byte[] ZERO_IV = new byte[16];

    private AlipayContentCipher() {}

    /** The plaintext bytes, or empty when the ciphertext does not decrypt under the key (bad padding). */
    static Optional<byte[]> decrypt(SecretKeySpec key, byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
            return Optional.of(cipher.doFinal(ciphertext));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
