package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.crypto.Base64s;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformPhone;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;
import javax.crypto.Cipher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens get_phonenumber_info's {@code data}: base64 of the phone JSON ({@code phoneNumber},
 * {@code purePhoneNumber}, {@code countryCode}, {@code watermark{appid, timestamp}}) RSA-encrypted under
 * the app's public key. The padding is PKCS#1 v1.5: Douyin's page does not name it; it is what the
 * SDKs that decrypt this data use (see docs/platforms/douyin.md, Sources), and an OAEP ciphertext does not
 * open here. A ciphertext of several key-sized blocks is opened block by block, as those SDKs allow.
 * Every failure is an {@link IllegalArgumentException} that quotes nothing of the data or the key.
 */
final class DouyinPhoneCipher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DouyinPhoneCipher() {}

    /** The phone JSON as UTF-8 text. */
    static String decrypt(PrivateKey key, String data) {
        byte[] ciphertext = Base64s.decodeLenient(data)
                .orElseThrow(() -> new IllegalArgumentException("the phone data is not base64"));
        int block = (((RSAKey) key).getModulus().bitLength() + 7) / 8;
        if (ciphertext.length == 0 || ciphertext.length % block != 0) {
            throw new IllegalArgumentException("the phone data is not whole blocks of this key's size");
        }
        ByteBuffer plain = ByteBuffer.allocate(ciphertext.length);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            for (int at = 0; at < ciphertext.length; at += block) {
                rsa.init(Cipher.DECRYPT_MODE, key);
                plain.put(rsa.doFinal(ciphertext, at, block));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the phone data does not decrypt under this private key");
        }
        plain.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(plain)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the decrypted phone data is not UTF-8");
        }
    }

    /** The phone number the decrypted JSON gives. */
    static PlatformPhone phone(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the decrypted phone data is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the decrypted phone data is not a JSON object");
        }
        String phone = PlatformJson.textOrNumber(node, "phoneNumber");
        String pure = PlatformJson.textOrNumber(node, "purePhoneNumber");
        String country = PlatformJson.textOrNumber(node, "countryCode");
        if (phone == null || pure == null || country == null) {
            throw new IllegalArgumentException("the decrypted phone data lacks its number");
        }
        JsonNode watermark = node.get("watermark");
        Optional<String> appId =
                Optional.ofNullable(watermark == null ? null : PlatformJson.textOrNumber(watermark, "appid"));
        return new PlatformPhone(phone, pure, country, appId);
    }
}
