package io.github.wxlogin.core.alipay;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alipay's keys as an operator pastes them: what Alipay's key tool (支付宝开放平台密钥工具) and console
 * show, PEM or bare base64. The app's private key is PKCS#8 (the tool's format for Java) or PKCS#1
 * (its format for other languages); Alipay's public key is an X.509 SubjectPublicKeyInfo (PKCS#1 taken
 * too); the content-encryption key (接口内容加密方式) is the base64 of an AES key. RSA2 needs RSA keys
 * of 2048 bits or more.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message says what is wrong with the
 * text, never any part of the text.
 */
public final class AlipayKeyText {

    /** RSA2 is SHA256withRSA over a 2048-bit key (Alipay's key tool makes 2048-bit keys). */
    static final int MIN_RSA_BITS = 2048;

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** The AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private AlipayKeyText() {}

    /** The app's private key (应用私钥): PKCS#8 or PKCS#1, PEM or bare base64. */
    public static PrivateKey privateKey(String text) {
        Decoded d = decode(text, "a private key");
        if (d.label != null && d.label.contains("PUBLIC")) {
            throw new IllegalArgumentException("is a public key, not the app's private key");
        }
        boolean pkcs1 = "RSA PRIVATE KEY".equals(d.label);
        PrivateKey key = generatePrivate(pkcs1 ? pkcs8(d.der) : d.der);
        if (key == null && d.label == null) {
            key = generatePrivate(pkcs8(d.der));
        }
        if (key == null) {
            throw new IllegalArgumentException("is not an RSA private key in PKCS#8 or PKCS#1 form");
        }
        return checked(key);
    }

    /** Alipay's public key (支付宝公钥): X.509 SubjectPublicKeyInfo or PKCS#1, PEM or bare base64. */
    public static PublicKey publicKey(String text) {
        Decoded d = decode(text, "a public key");
        if (d.label != null && d.label.contains("PRIVATE")) {
            throw new IllegalArgumentException("is a private key, not Alipay's public key");
        }
        if (d.label != null && d.label.contains("CERTIFICATE")) {
            throw new IllegalArgumentException(
                    "is a certificate: only Alipay's public key (公钥 mode) is supported, not 公钥证书 mode");
        }
        boolean pkcs1 = "RSA PUBLIC KEY".equals(d.label);
        PublicKey key = generatePublic(pkcs1 ? spki(d.der) : d.der);
        if (key == null && d.label == null) {
            key = generatePublic(spki(d.der));
        }
        if (key == null) {
            throw new IllegalArgumentException("is not an RSA public key (X.509 SubjectPublicKeyInfo or PKCS#1)");
        }
        return checked(key);
    }

    /** The content-encryption key (接口内容加密方式, AES): base64 of 16, 24 or 32 bytes. */
    public static SecretKeySpec contentKey(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("is not the base64 of a 128-, 192- or 256-bit AES key");
        }
        return new SecretKeySpec(key, "AES");
    }

    private record Decoded(String label, byte[] der) {}

    private static Decoded decode(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String label = null;
        String body = text;
        Matcher pem = PEM.matcher(text);
        if (pem.find()) {
            label = pem.group(1).strip().toUpperCase(Locale.ROOT);
            body = pem.group(2);
        } else if (text.contains("-----")) {
            throw new IllegalArgumentException("is a PEM block that does not end as it begins");
        }
        try {
            byte[] der = Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            if (der.length == 0) {
                throw new IllegalArgumentException("is empty");
            }
            return new Decoded(label, der);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not " + what + " in PEM or base64");
        }
    }

    private static <K extends java.security.Key> K checked(K key) {
        int bits = ((RSAKey) key).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "is a " + bits + "-bit RSA key; RSA2 needs " + MIN_RSA_BITS + " bits or more");
        }
        return key;
    }

    /** The key, or null when the bytes are not one. */
    private static PrivateKey generatePrivate(byte[] pkcs8) {
        try {
            return rsa().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The key, or null when the bytes are not one. */
    private static PublicKey generatePublic(byte[] spki) {
        try {
            return rsa().generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static KeyFactory rsa() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, inner.toByteArray());
    }

    /** PKCS#1 RSAPublicKey wrapped as X.509 SubjectPublicKeyInfo: rsaEncryption, the key as a BIT STRING. */
    private static byte[] spki(byte[] pkcs1) {
        byte[] bits = new byte[pkcs1.length + 1];
        System.arraycopy(pkcs1, 0, bits, 1, pkcs1.length);
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(RSA_ALGORITHM);
        inner.writeBytes(tlv(0x03, bits));
        return tlv(0x30, inner.toByteArray());
    }

    /** A DER type-length-value. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
