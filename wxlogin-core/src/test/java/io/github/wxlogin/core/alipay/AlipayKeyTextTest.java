package io.github.wxlogin.core.alipay;

import static io.github.wxlogin.core.alipay.AlipayVectors.KEYS;
import static io.github.wxlogin.core.alipay.AlipayVectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlipayKeyTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "appPrivateKeyPkcs8Pem",
                "appPrivateKeyPkcs1Pem",
                "appPrivateKeyPkcs8Base64",
                "appPrivateKeyPkcs1Base64"
            })
    void theAppPrivateKeyIsReadInEveryFormAlipaysKeyToolGives(String form) {
        PrivateKey key = AlipayKeyText.privateKey(text(KEYS, form));

        assertThat(((RSAPrivateCrtKey) key).getModulus())
                .isEqualTo(((RSAPrivateCrtKey) AlipayVectors.appPrivateKey()).getModulus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"appPublicKeyPem", "appPublicKeyBase64", "appPublicKeyPkcs1Pem"})
    void aPublicKeyIsReadAsX509OrPkcs1PemOrBase64(String form) {
        PublicKey key = AlipayKeyText.publicKey(text(KEYS, form));

        assertThat(key.getEncoded()).isEqualTo(AlipayVectors.appPublicKey().getEncoded());
    }

    @Test
    void aKeyPastedWithWindowsLineEndsAndIndentIsRead() {
        String pasted = "  " + text(KEYS, "appPrivateKeyPkcs8Pem").replace("\n", "\r\n  ");

        assertThat(AlipayKeyText.privateKey(pasted).getEncoded())
                .isEqualTo(AlipayVectors.appPrivateKey().getEncoded());
    }

    @Test
    void keysTooShortForRsa2AreRefusedWithTheirSize() {
        assertThatThrownBy(() -> AlipayKeyText.privateKey(text(KEYS, "small1024PrivateKeyPkcs8Pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024-bit")
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> AlipayKeyText.publicKey(text(KEYS, "small1024PublicKeyPem")))
                .hasMessageContaining("1024-bit");
    }

    @Test
    void aPublicKeyGivenForThePrivateKeyAndTheOtherWayRoundIsNamedSo() {
        assertThatThrownBy(() -> AlipayKeyText.privateKey(text(KEYS, "appPublicKeyPem")))
                .hasMessage("is a public key, not the app's private key");
        assertThatThrownBy(() -> AlipayKeyText.publicKey(text(KEYS, "appPrivateKeyPkcs8Pem")))
                .hasMessage("is a private key, not Alipay's public key");
    }

    @Test
    void aGarbledKeyIsRefusedWithoutQuotingAnyOfIt() {
        String pem = text(KEYS, "appPrivateKeyPkcs8Pem");
        String garbled = pem.substring(0, 200) + pem.substring(260);
        String body = text(KEYS, "appPrivateKeyPkcs8Base64");

        for (String bad : new String[] {garbled, body.substring(0, body.length() / 2), "not a key at all", "AAAA"}) {
            assertThatThrownBy(() -> AlipayKeyText.privateKey(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(body.substring(0, 16))
                            .doesNotContain(body.substring(100, 116))
                            .doesNotContain("not a key at all"));
        }
        assertThatThrownBy(() -> AlipayKeyText.privateKey(" ")).hasMessage("is empty");
    }

    @Test
    void aCertificateIsRefusedAsNotSupported() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> AlipayKeyText.publicKey(cert)).hasMessageContaining("公钥证书");
    }

    @Test
    void theContentKeyIsTheBase64OfAnAesKey() {
        assertThat(AlipayKeyText.contentKey(text(AlipayVectors.PHONE, "contentKey"))
                        .getEncoded())
                .hasSize(16);
        assertThat(AlipayKeyText.contentKey(Base64.getEncoder().encodeToString(new byte[32]))
                        .getEncoded())
                .hasSize(32);
        assertThatThrownBy(() -> AlipayKeyText.contentKey(Base64.getEncoder().encodeToString(new byte[15])))
                .hasMessage("is not the base64 of a 128-, 192- or 256-bit AES key");
        assertThatThrownBy(() -> AlipayKeyText.contentKey("%%%")).hasMessage("is not base64");
    }
}
