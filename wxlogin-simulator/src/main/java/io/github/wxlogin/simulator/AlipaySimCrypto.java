package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alipay's side of its crypto, on the JDK alone and written from Alipay's pages, so the service's own
 * is checked against the documented behaviour rather than against itself.
 *
 * <p>Signing (https://opendocs.alipay.com/common/02kf5q): the parameters but {@code sign}, empty values
 * left out, sorted by name, joined {@code k=v&…} unencoded, UTF-8, SHA256withRSA ("RSA2"), base64. An
 * answer is signed over the exact text of its {@code xxx_response} object.
 *
 * <p>Content encryption (接口内容加密方式, https://opendocs.alipay.com/common/02mse3): AES-CBC with a zero
 * IV and PKCS#5 padding under the app's AES key, base64.
 */
final class AlipaySimCrypto {

    private AlipaySimCrypto() {}

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }

    /** The text a request's signature covers. */
    static String signContent(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && !k.isEmpty() && v != null && !v.isEmpty()) {
                out.add(k + "=" + v);
            }
        });
        return out.toString();
    }

    static String sign(String content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA2 signing failed", e);
        }
    }

    static boolean verify(String content, String sign, PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code text} encrypted under the app's content key: AES/CBC/PKCS5Padding, IV of 16 zero bytes, base64. */
    static String encryptContent(byte[] contentKey, String text) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new IvParameterSpec(new byte[16]));
            return Base64.getEncoder().encodeToString(cipher.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    /** The inverse of {@link #encryptContent}, for the tests that pin the simulator to the vectors. */
    static String decryptContent(byte[] contentKey, String base64) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new IvParameterSpec(new byte[16]));
            return new String(cipher.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES decryption failed", e);
        }
    }

    /** A public key as Alipay's console shows it (base64 of X.509 SubjectPublicKeyInfo) or PEM. */
    static PublicKey publicKey(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BadInput.badRequest(
                    "appPublicKey is not an RSA public key (base64 or PEM of X.509 SubjectPublicKeyInfo)");
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
