package io.github.wxlogin.core.alipay;

import static io.github.wxlogin.core.alipay.AlipayVectors.PHONE;
import static io.github.wxlogin.core.alipay.AlipayVectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** my.getPhoneNumber's answer, verified and opened, against the vector derived with openssl. */
class AlipayPhoneTest {

    private static final SecretKeySpec CONTENT_KEY = AlipayKeyText.contentKey(text(PHONE, "contentKey"));
    private static final AlipayApp APP = app(Optional.of(CONTENT_KEY));

    private static AlipayApp app(Optional<SecretKeySpec> contentKey) {
        return new AlipayApp(
                "2021000000000001",
                AlipayVectors.appPrivateKey(),
                AlipayVectors.alipayPublicKey(),
                contentKey,
                AlipayIdMode.USER_ID);
    }

    @Test
    void theVectorsResponseAndSignGiveItsMobile() {
        PlatformPhone phone = AlipayPhone.open(APP, text(PHONE, "response"), text(PHONE, "sign"));

        assertThat(phone.phoneNumber()).isEqualTo(text(PHONE, "mobile"));
        assertThat(phone.purePhoneNumber()).isEqualTo(text(PHONE, "mobile"));
        assertThat(phone.countryCode()).isEqualTo("86");
        assertThat(phone.watermarkAppId()).isEmpty();
    }

    @Test
    void theWholeMessageOfMyGetPhoneNumberIsTakenAsIs() {
        assertThat(AlipayPhone.open(APP, text(PHONE, "message"), null).phoneNumber())
                .isEqualTo(text(PHONE, "mobile"));
    }

    @Test
    void theSignIsOverTheQuotedCiphertextNotTheCiphertextAlone() {
        assertThat(text(PHONE, "signedText")).isEqualTo("\"" + text(PHONE, "response") + "\"");
        assertThat(AlipaySignatures.verify(
                        text(PHONE, "response"), text(PHONE, "sign"), AlipayVectors.alipayPublicKey()))
                .isFalse();
    }

    @Test
    void aTamperedResponseIsRefused() {
        String response = text(PHONE, "response");
        String tampered = (response.charAt(0) == 'A' ? "B" : "A") + response.substring(1);

        assertRefused(() -> AlipayPhone.open(APP, tampered, text(PHONE, "sign")), ErrorCode.INVALID_REQUEST);
        assertRefused(
                () -> AlipayPhone.open(APP, text(PHONE, "message").replace(response, tampered), null),
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aMissingSignIsRefused() {
        assertRefused(() -> AlipayPhone.open(APP, text(PHONE, "response"), null), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> AlipayPhone.open(APP, text(PHONE, "response"), " "), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aSignOfAnotherKeyIsRefused() {
        String byTheApp = AlipaySignatures.sign(text(PHONE, "signedText"), AlipayVectors.appPrivateKey());

        assertRefused(() -> AlipayPhone.open(APP, text(PHONE, "response"), byTheApp), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aWrongContentKeyIsTheOperatorsMistakeAndSaysNothingOfTheNumber() {
        AlipayApp wrongKey = app(Optional.of(new SecretKeySpec(new byte[16], "AES")));

        PlatformException e = assertRefused(
                () -> AlipayPhone.open(wrongKey, text(PHONE, "response"), text(PHONE, "sign")),
                ErrorCode.UPSTREAM_UNAVAILABLE);

        assertThat(e.getMessage()).doesNotContain(text(PHONE, "mobile"));
    }

    @Test
    void anAppWithoutContentKeyHasNoPhoneBinding() {
        assertRefused(
                () -> AlipayPhone.open(app(Optional.empty()), text(PHONE, "response"), text(PHONE, "sign")),
                ErrorCode.UNSUPPORTED);
    }

    @Test
    void alipaysOwnRefusalsInsideTheAnswerHaveTheirCodes() throws Exception {
        String unauthorized = "{\"code\":\"40003\",\"msg\":\"Insufficient Conditions\","
                + "\"subCode\":\"isv.invalid-auth-relations\",\"subMsg\":\"无效的授权关系\"}";
        String busy = "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\",\"subCode\":\"aop.unknow-error\"}";
        String misconfigured = "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"subCode\":\"isv.invalid-encrypt\"}";

        assertRefused(() -> openEncrypted(unauthorized), ErrorCode.INVALID_CODE);
        assertRefused(() -> openEncrypted(busy), ErrorCode.UPSTREAM_UNAVAILABLE);
        assertRefused(() -> openEncrypted(misconfigured), ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aPlainSignedAnswerIsVerifiedOverItsOwnText() {
        // Alipay's generic rule: a response that is not encrypted is signed as the JSON text it is.
        String plain = "{\"code\":\"10000\",\"msg\":\"Success\",\"mobile\":\"13900000000\"}";
        String sign = AlipaySignatures.sign(plain, AlipayVectors.alipayPrivateKey());

        assertThat(AlipayPhone.open(APP, plain, sign).phoneNumber()).isEqualTo("13900000000");
    }

    private static PlatformPhone openEncrypted(String plaintext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, CONTENT_KEY, new IvParameterSpec(new byte[16]));
        String response =
                Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        String sign = AlipaySignatures.sign("\"" + response + "\"", AlipayVectors.alipayPrivateKey());
        return AlipayPhone.open(APP, response, sign);
    }

    private interface Call {
        PlatformPhone run() throws Exception;
    }

    private static PlatformException assertRefused(Call call, ErrorCode code) {
        PlatformException e = catchThrowableOfType(PlatformException.class, call::run);
        assertThat(e).as("refused with %s", code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).doesNotContain(text(PHONE, "contentKey"));
        return e;
    }
}
