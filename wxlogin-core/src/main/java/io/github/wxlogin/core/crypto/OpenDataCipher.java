package io.github.wxlogin.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's open-data encryption: AES-128-CBC, PKCS#7, key = base64(session_key), iv from the phone.
 * See https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
 *
 * <p>Decryption is strict: a wrong key almost always leaves bytes that are not valid padding, and
 * when padding passes by chance the text is still checked to be UTF-8. Either failure is a
 * {@link OpenDataException}, never garbage handed back as data. (The samples WeChat ships strip the
 * last byte's worth of padding without looking at it, which is how a stale session_key turns into
 * garbage in other SDKs.)
 */
public final class OpenDataCipher {

    private static final int BLOCK = 16;

    private OpenDataCipher() {}

    /** Decrypts and returns the UTF-8 text; throws {@link OpenDataException} on any failure. */
    public static String decrypt(byte[] sessionKey, byte[] iv, byte[] ciphertext) {
        checkLengths(sessionKey, iv);
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            throw new OpenDataException(OpenDataException.Reason.MALFORMED, "ciphertext is not whole AES blocks");
        }
        byte[] padded = run(Cipher.DECRYPT_MODE, sessionKey, iv, ciphertext);
        int pad = padded[padded.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK) {
            throw undecryptable();
        }
        for (int i = padded.length - pad; i < padded.length; i++) {
            if ((padded[i] & 0xff) != pad) {
                throw undecryptable();
            }
        }
        byte[] plain = Arrays.copyOf(padded, padded.length - pad);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (CharacterCodingException e) {
            throw undecryptable();
        }
    }

    private static void checkLengths(byte[] key, byte[] iv) {
        if (key.length != BLOCK) {
            throw new OpenDataException(OpenDataException.Reason.MALFORMED, "session_key must be 16 bytes");
        }
        if (iv.length != BLOCK) {
            throw new OpenDataException(OpenDataException.Reason.MALFORMED, "iv must be 16 bytes");
        }
    }

    private static byte[] run(int mode, byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        }
    }

    private static OpenDataException undecryptable() {
        return new OpenDataException(
                OpenDataException.Reason.WRONG_KEY, "data does not decrypt under this session_key");
    }
}
