package io.github.wxlogin.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open data as the platform's client hands it out, made here with the JDK alone (not with the code
 * under test): AES-128-CBC with PKCS#7 padding, the user's session_key as the key, a random iv.
 */
public record SealedData(String encryptedData, String iv) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static SealedData of(String json, String sessionKey) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        try {
            // The JDK's PKCS5Padding is PKCS#7 for AES's 16-byte blocks.
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
                    new IvParameterSpec(iv));
            return new SealedData(
                    Base64.getEncoder().encodeToString(aes.doFinal(json.getBytes(StandardCharsets.UTF_8))),
                    Base64.getEncoder().encodeToString(iv));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user-info payload with the watermark of {@code appId}. */
    public static String userInfo(String nickname, String appId) {
        return "{\"nickName\":\"" + nickname + "\",\"gender\":0,\"watermark\":{\"timestamp\":1740816000,\"appid\":\""
                + appId + "\"}}";
    }

    /** A getPhoneNumber payload of the old form, with the watermark of {@code appId}. */
    public static String phone(String pure, String appId) {
        return "{\"phoneNumber\":\"" + pure + "\",\"purePhoneNumber\":\"" + pure + "\",\"countryCode\":\"86\","
                + "\"watermark\":{\"timestamp\":1740816000,\"appid\":\"" + appId + "\"}}";
    }
}
