package io.github.wxlogin.core.douyin;

import static io.github.wxlogin.core.douyin.DouyinVectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.Signatures;
import io.github.wxlogin.core.platform.PlatformPhone;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The service's side of Douyin's crypto against the vectors derived by hand with OpenSSL: open data and
 * the older phone form are WeChat's algorithm under Douyin's session_key ({@link OpenDataCipher},
 * {@link Signatures}); the phone code's data is RSA with PKCS#1 v1.5 padding under the app's key
 * ({@link DouyinPhoneCipher}), which also refuses the OAEP ciphertext of the same number.
 */
class DouyinCryptoVectorsTest {

    private static final JsonNode PHONE = DouyinVectors.PHONE_CODE;

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    @Test
    void openDataDecryptsToTheVectorsTextAndItsSignatureIsTheVectors() {
        JsonNode v = DouyinVectors.OPEN_DATA;

        assertThat(OpenDataCipher.decrypt(
                        b64(text(v, "sessionKey")), b64(text(v, "iv")), b64(text(v, "encryptedData"))))
                .isEqualTo(text(v, "decryptedData"));
        assertThat(Signatures.rawDataSignature(text(v, "rawData"), text(v, "sessionKey")))
                .isEqualTo(text(v, "signature"));
    }

    @Test
    void theOlderPhoneFormDecryptsAsOpenData() {
        JsonNode v = DouyinVectors.PHONE_ENCRYPTED_DATA;

        assertThat(OpenDataCipher.decrypt(
                        b64(text(v, "sessionKey")), b64(text(v, "iv")), b64(text(v, "encryptedData"))))
                .isEqualTo(text(v, "decryptedData"));
    }

    @Test
    void thePhoneCodesDataOpensWithThePkcs8AndThePkcs1FormOfTheKey() {
        for (String form : new String[] {"privateKeyPkcs8", "privateKeyPkcs1"}) {
            PrivateKey key = DouyinPhoneKeys.parse(text(PHONE, form));

            String json = DouyinPhoneCipher.decrypt(key, text(PHONE, "data"));

            assertThat(json).as(form).isEqualTo(text(PHONE, "decryptedData"));
            assertThat(DouyinPhoneCipher.phone(json))
                    .isEqualTo(new PlatformPhone("13800138000", "13800138000", "86", Optional.of("tt00000000000001")));
        }
    }

    @Test
    void theKeyParsesFromBareBase64AndFromOneLineWithLiteralNewlines() {
        String pem = text(PHONE, "privateKeyPkcs8");
        String bare = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        String escaped = pem.replace("\n", "\\n");

        for (String form : new String[] {bare, escaped, pem.replace("\n", " ")}) {
            assertThat(DouyinPhoneCipher.decrypt(DouyinPhoneKeys.parse(form), text(PHONE, "data")))
                    .isEqualTo(text(PHONE, "decryptedData"));
        }
    }

    @Test
    void oaepDataAnotherKeyOrBrokenDataAreRefusedWithoutQuotingThem() throws Exception {
        PrivateKey key = DouyinPhoneKeys.parse(text(PHONE, "privateKeyPkcs8"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey other = generator.generateKeyPair().getPrivate();

        assertThatThrownBy(() -> DouyinPhoneCipher.decrypt(key, text(PHONE, "dataOaep")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DouyinPhoneCipher.decrypt(other, text(PHONE, "data")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(text(PHONE, "data"));
        assertThatThrownBy(() -> DouyinPhoneCipher.decrypt(key, "not base64 !"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> DouyinPhoneCipher.decrypt(key, text(PHONE, "data").substring(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decryptedDataThatIsNoPhoneNumberIsRefused() {
        assertThatThrownBy(() -> DouyinPhoneCipher.phone("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DouyinPhoneCipher.phone("{\"phoneNumber\":\"1\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DouyinPhoneCipher.phone(
                        "{\"phoneNumber\":\"+1 2025550101\",\"purePhoneNumber\":\"2025550101\",\"countryCode\":1}"))
                .isEqualTo(new PlatformPhone("+1 2025550101", "2025550101", "1", Optional.empty()));
    }

    @Test
    void aKeyThatIsNoUnencryptedRsaPrivateKeyIsRefusedWithoutQuotingIt() {
        String pem = text(PHONE, "privateKeyPkcs8");
        String publicKey = text(PHONE, "publicKey");

        assertThatThrownBy(() -> DouyinPhoneKeys.parse(publicKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(publicKey.substring(30, 60));
        assertThatThrownBy(() -> DouyinPhoneKeys.parse(pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")))
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> DouyinPhoneKeys.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DouyinPhoneKeys.parse("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
