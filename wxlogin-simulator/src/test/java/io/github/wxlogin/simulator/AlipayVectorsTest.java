package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.AlipayTestGateway.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's Alipay crypto pinned to {@code testdata/alipay-vectors.json}, derived with openssl from
 * Alipay's documented algorithms: wxlogin-core's tests are pinned to the same file, so the two sides
 * agree with the documentation and not merely with each other.
 */
class AlipayVectorsTest {

    @Test
    void theSignedContentOfARequestIsTheVectors() {
        Map<String, String> params = new LinkedHashMap<>();
        AlipayTestGateway.VECTORS
                .required("requestSignature")
                .required("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().stringValue()));
        params.put("sign", "left out");

        assertThat(AlipaySimCrypto.signContent(params)).isEqualTo(vector("requestSignature", "content"));
    }

    @Test
    void signaturesAreTheVectorsAndVerify() {
        var appKey = AlipayTestGateway.privateKey(vector("keys", "appPrivateKeyPkcs8Pem"));
        var alipayKey = AlipayTestGateway.privateKey(vector("keys", "alipayPrivateKeyPkcs8Pem"));
        var alipayPublic = AlipaySimCrypto.publicKey(vector("keys", "alipayPublicKeyBase64"));

        assertThat(AlipaySimCrypto.sign(vector("requestSignature", "content"), appKey))
                .isEqualTo(vector("requestSignature", "sign"));
        assertThat(AlipaySimCrypto.sign(vector("oauthTokenResponse", "responseText"), alipayKey))
                .isEqualTo(vector("oauthTokenResponse", "sign"));
        assertThat(AlipaySimCrypto.sign(vector("phone", "signedText"), alipayKey))
                .isEqualTo(vector("phone", "sign"));
        assertThat(AlipaySimCrypto.verify(
                        vector("errorResponse", "responseText"), vector("errorResponse", "sign"), alipayPublic))
                .isTrue();
    }

    @Test
    void thePhoneNumberEncryptsToTheVectorsResponse() {
        byte[] key = Base64.getDecoder().decode(vector("phone", "contentKey"));

        assertThat(AlipaySimCrypto.encryptContent(key, vector("phone", "plaintext")))
                .isEqualTo(vector("phone", "response"));
        assertThat(AlipaySimCrypto.decryptContent(key, vector("phone", "response")))
                .isEqualTo(vector("phone", "plaintext"));
    }
}
