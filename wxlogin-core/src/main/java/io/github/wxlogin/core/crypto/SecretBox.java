package io.github.wxlogin.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest: AES-256-GCM under the deployment's master key. The context (for example the
 * row a value belongs to) is bound as associated data, so a sealed value copied to another row does
 * not open. Sealed form: {@code v1.} + base64url(12-byte nonce || ciphertext || tag).
 */
public final class SecretBox {

    private static final String VERSION = "v1.";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random;

    public SecretBox(byte[] masterKey, SecureRandom random) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.fingerprintKey = derive(masterKey, "wxlogin fingerprint key v1");
        this.random = random;
    }

    public SecretBox(byte[] masterKey) {
        this(masterKey, new SecureRandom());
    }

    /**
     * A keyed fingerprint of a value: equal values in one context give equal fingerprints, and
     * nobody without the master key can compute or reverse one. Uses its own key derived from the
     * master key, never the encryption key itself. base64url, 22 characters (128 bits).
     */
    public String fingerprint(String value, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 failed", e);
        }
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, context, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed);
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** Opens a sealed value; throws {@link IllegalStateException} if it was not sealed by this key and context. */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed value");
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("not a sealed value");
        }
        if (all.length < NONCE + TAG_BITS / 8) {
            throw new IllegalStateException("not a sealed value");
        }
        byte[] nonce = Arrays.copyOf(all, NONCE);
        byte[] body = Arrays.copyOfRange(all, NONCE, all.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, context, body), StandardCharsets.UTF_8);
    }

    private static SecretKeySpec derive(byte[] masterKey, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 failed", e);
        }
    }

    private byte[] run(int mode, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("sealed value does not open under this master key and context");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM failed", e);
        }
    }
}
