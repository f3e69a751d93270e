package io.github.wxlogin.core.component;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption for pushes to a service provider (WXBizMsgCrypt, 消息加解密技术方案):
 * AES-256-CBC with the key {@code base64(EncodingAESKey + "=")} and the key's first 16 bytes as IV, PKCS#7
 * padding to 32-byte blocks; the plaintext is 16 random bytes, the message's length (4 bytes, big-endian),
 * the message, and the appid it is for. A push is signed by {@code msg_signature}: the lower-case hex SHA-1
 * of the Token, the timestamp, the nonce and the {@code Encrypt} text, sorted and joined.
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Technical_Plan.html
 *
 * <p>Messages of this class never hold the key, the Token or any plaintext.
 */
public final class MessageCrypt {

    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final int BLOCK = 32;

    private final String token;
    private final byte[] key;
    private final byte[] appId;

    /**
     * @param token the message-check Token
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param appId whose messages these are (the component's appid): the trailer every message must carry
     * @throws IllegalArgumentException when the key is not 43 base64 characters
     */
    public MessageCrypt(String token, String encodingAesKey, String appId) {
        if (!isWellFormedKey(encodingAesKey)) {
            throw new IllegalArgumentException("an EncodingAESKey is 43 letters, digits, '+' or '/'");
        }
        this.token = token;
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
    }

    public static boolean isWellFormedKey(String encodingAesKey) {
        return encodingAesKey != null && AES_KEY.matcher(encodingAesKey).matches();
    }

    /** {@code msg_signature} of a message: hex SHA-1 of the sorted Token, timestamp, nonce and Encrypt text. */
    public String signature(String timestamp, String nonce, String encrypted) {
        String[] parts = {token, timestamp, nonce, encrypted};
        Arrays.sort(parts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Whether {@code msgSignature} signs this message; compared in constant time. */
    public boolean signatureMatches(String msgSignature, String timestamp, String nonce, String encrypted) {
        if (msgSignature == null || timestamp == null || nonce == null || encrypted == null) {
            return false;
        }
        return MessageDigest.isEqual(
                signature(timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII),
                msgSignature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The message inside an {@code Encrypt} text.
     *
     * @throws MessageRefused when it is not base64, does not decrypt, is malformed, or is for another appid
     */
    public String decrypt(String encrypted) {
        byte[] cipherText;
        try {
            cipherText = Base64.getMimeDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new MessageRefused("the Encrypt text is not base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new MessageRefused("the Encrypt text is not whole AES blocks");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new MessageRefused("the Encrypt text does not decrypt");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new MessageRefused("the message's padding is not PKCS#7 (the EncodingAESKey may be wrong)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new MessageRefused("the message's padding is not PKCS#7 (the EncodingAESKey may be wrong)");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new MessageRefused("the message is too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new MessageRefused("the message's length does not fit (the EncodingAESKey may be wrong)");
        }
        byte[] trailer = Arrays.copyOfRange(plain, 20 + length, end);
        if (!MessageDigest.isEqual(trailer, appId)) {
            throw new MessageRefused("the message is for another appid");
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    /** {@code message} encrypted after the 16 {@code random} bytes, as WeChat encrypts a push. */
    public String encrypt(byte[] random, String message) {
        if (random.length != 16) {
            throw new IllegalArgumentException("16 random bytes");
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(random);
        out.writeBytes(ByteBuffer.allocate(4).putInt(text.length).array());
        out.writeBytes(text);
        out.writeBytes(appId);
        int pad = BLOCK - out.size() % BLOCK;
        for (int i = 0; i < pad; i++) {
            out.write(pad);
        }
        try {
            return Base64.getEncoder()
                    .encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(out.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC failed", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return cipher;
    }

    @Override
    public String toString() {
        return "MessageCrypt[***]";
    }
}
