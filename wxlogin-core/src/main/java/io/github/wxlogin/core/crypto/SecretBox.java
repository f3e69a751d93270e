package io.github.wxlogin.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
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
    private final SecureRandom random;

    public SecretBox(byte[] masterKey, SecureRandom random) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.random = random;
    }

    public SecretBox(byte[] masterKey) {
        this(masterKey, new SecureRandom());
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
