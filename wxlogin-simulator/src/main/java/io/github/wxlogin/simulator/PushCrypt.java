package io.github.wxlogin.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How WeChat encrypts and signs what it pushes to a third-party platform, from its "消息加解密技术方案":
 * AESKey = Base64_Decode(EncodingAESKey + "="), AES-256-CBC with the AESKey's first 16 bytes as IV;
 * the plaintext is random(16 bytes) + msg_len(4 bytes, network order) + msg + appid, PKCS#7-padded to a
 * multiple of 32 bytes; msg_signature = sha1(sort(Token, timestamp, nonce, msg_encrypt)).
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Technical_Plan.html
 */
final class PushCrypt {

    private PushCrypt() {}

    static String encrypt(String encodingAesKey, String appId, String message) {
        byte[] aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(Randoms.bytes(16));
        plain.writeBytes(ByteBuffer.allocate(4).putInt(msg.length).array());
        plain.writeBytes(msg);
        plain.writeBytes(appId.getBytes(StandardCharsets.UTF_8));
        int pad = 32 - plain.size() % 32;
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        plain.writeBytes(padding);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(aesKey, 0, 16));
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is missing", e);
        }
    }

    static String sign(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }
}
