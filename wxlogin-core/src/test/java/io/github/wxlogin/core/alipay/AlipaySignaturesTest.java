package io.github.wxlogin.core.alipay;

import static io.github.wxlogin.core.alipay.AlipayVectors.REQUEST;
import static io.github.wxlogin.core.alipay.AlipayVectors.RESPONSE;
import static io.github.wxlogin.core.alipay.AlipayVectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RSA2 signing and verification against the vectors derived with openssl. */
class AlipaySignaturesTest {

    @Test
    void theSignedContentIsTheSortedParametersWithoutSignOrEmptyValues() {
        Map<String, String> params = new LinkedHashMap<>(AlipayVectors.requestParams());
        params.put("sign", "ignored");
        params.put("app_auth_token", "");
        params.put("notify_url", null);

        assertThat(AlipaySignatures.content(params)).isEqualTo(text(REQUEST, "content"));
    }

    @Test
    void aRequestIsSignedAsOpensslSignsIt() {
        // SHA256withRSA (PKCS#1 v1.5) is deterministic: the same key and text give the same signature.
        assertThat(AlipaySignatures.sign(text(REQUEST, "content"), AlipayVectors.appPrivateKey()))
                .isEqualTo(text(REQUEST, "sign"));
    }

    @Test
    void anAnswerVerifiesOverItsExactTextAndNothingElse() {
        String signed = text(RESPONSE, "responseText");
        String sign = text(RESPONSE, "sign");

        assertThat(AlipaySignatures.verify(signed, sign, AlipayVectors.alipayPublicKey()))
                .isTrue();
        assertThat(AlipaySignatures.verify(
                        signed.replace("2088102150477652", "2088102150477653"), sign, AlipayVectors.alipayPublicKey()))
                .isFalse();
        assertThat(AlipaySignatures.verify(signed.replace(",", ", "), sign, AlipayVectors.alipayPublicKey()))
                .as("re-serialized with other spacing")
                .isFalse();
        assertThat(AlipaySignatures.verify(signed, sign, AlipayVectors.appPublicKey()))
                .as("another key")
                .isFalse();
    }

    @Test
    void aMalformedSignatureIsFalseNotAnError() {
        String signed = text(RESPONSE, "responseText");

        assertThat(AlipaySignatures.verify(signed, "%%%", AlipayVectors.alipayPublicKey()))
                .isFalse();
        assertThat(AlipaySignatures.verify(signed, "", AlipayVectors.alipayPublicKey()))
                .isFalse();
        assertThat(AlipaySignatures.verify(signed, null, AlipayVectors.alipayPublicKey()))
                .isFalse();
        assertThat(AlipaySignatures.verify(signed, "AAAA", AlipayVectors.alipayPublicKey()))
                .isFalse();
    }
}
