package io.github.wxlogin.core.alipay;

import static io.github.wxlogin.core.alipay.AlipayVectors.ERROR;
import static io.github.wxlogin.core.alipay.AlipayVectors.RESPONSE;
import static io.github.wxlogin.core.alipay.AlipayVectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** alipay.system.oauth.token against a scripted gateway that answers the vectors' signed bodies. */
class AlipayClientTest {

    private static final String CODE = "4b203fe6c11548bcabd8da5bb087a83b";
    /** 03:04:05 in Beijing (UTC+8) on 2026-01-02. */
    private final MutableClock clock = MutableClock.at("2026-01-01T19:04:05Z");

    private static final AlipayApp APP = new AlipayApp(
            "2021000000000001",
            AlipayVectors.appPrivateKey(),
            AlipayVectors.alipayPublicKey(),
            Optional.empty(),
            AlipayIdMode.AUTO);

    private ScriptedAlipay alipay;

    @BeforeEach
    void start() throws IOException {
        alipay = new ScriptedAlipay();
    }

    @AfterEach
    void stop() {
        alipay.close();
    }

    @Test
    void theRequestCarriesTheCommonParametersInTheQueryAndTheCodeInTheFormSignedWithTheAppsKey() {
        alipay.answer(text(RESPONSE, "body"));

        call();

        ScriptedAlipay.Request request = alipay.requests().get(0);
        assertThat(request.path()).isEqualTo("/gateway.do");
        assertThat(request.query())
                .containsEntry("app_id", "2021000000000001")
                .containsEntry("method", "alipay.system.oauth.token")
                .containsEntry("format", "JSON")
                .containsEntry("charset", "utf-8")
                .containsEntry("sign_type", "RSA2")
                .containsEntry("timestamp", "2026-01-02 03:04:05")
                .containsEntry("version", "1.0")
                .doesNotContainKeys("code", "grant_type");
        assertThat(request.form()).containsOnly(Map.entry("grant_type", "authorization_code"), Map.entry("code", CODE));
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        // The vector's request has these very parameters: its signature, made by openssl, is the one sent.
        assertThat(AlipaySignatures.content(request.all())).isEqualTo(text(AlipayVectors.REQUEST, "content"));
        assertThat(request.query().get("sign")).isEqualTo(text(AlipayVectors.REQUEST, "sign"));
    }

    @Test
    void aSignedAnswerGivesTheUsersIdsAndNothingElse() {
        alipay.answer(text(RESPONSE, "body"));

        AlipayClient.AlipayUser user = call();

        assertThat(user.userId()).contains(text(RESPONSE, "userId"));
        assertThat(user.openId()).isEmpty();
        assertThat(user.toString()).doesNotContain("authusr");
    }

    @Test
    void theExactTextIsVerifiedEvenWhenItIsNotHowAWriterWouldSpellIt() {
        // Spaces around the signed object are outside it; the object's own text is untouched.
        alipay.answer(text(RESPONSE, "body").replace(":{", " :  {").replace("},\"sign\"", "} ,\n \"sign\""));

        assertThat(call().userId()).contains(text(RESPONSE, "userId"));
    }

    @Test
    void anAnswerChangedOnTheWayIsRefusedAsUntrusted() {
        alipay.answer(text(RESPONSE, "body").replace("2088102150477652", "2088102150477653"));

        AlipayUnavailable e = unavailable();

        assertThat(e.untrusted()).isTrue();
        assertThat(e.getMessage()).contains("does not verify");
    }

    @Test
    void anAnswerWithoutSignIsRefusedAsUntrusted() {
        alipay.answer("{\"alipay_system_oauth_token_response\":" + text(RESPONSE, "responseText") + "}");

        AlipayUnavailable e = unavailable();

        assertThat(e.untrusted()).isTrue();
        assertThat(e.getMessage()).contains("no sign");
    }

    @Test
    void aSecondResponseMemberBesideTheSignedOneIsRefused() {
        String body = text(RESPONSE, "body");
        alipay.answer(body.replace(
                ",\"sign\"", ",\"alipay_system_oauth_token_response\":{\"user_id\":\"2088000000000000\"},\"sign\""));

        assertThat(unavailable().getMessage()).contains("not one JSON object");
    }

    @Test
    void aSignedErrorIsAlipaysErrorWithItsCodes() {
        alipay.answer(text(ERROR, "body"));

        Throwable e = failure();

        assertThat(e).isInstanceOfSatisfying(AlipayError.class, error -> {
            assertThat(error.code()).isEqualTo("40002");
            assertThat(error.subCode()).isEqualTo("isv.code-invalid");
            assertThat(error.subMsg()).isEqualTo("授权码code无效");
            assertThat(error.isBusy()).isFalse();
        });
        assertThat(alipay.requests()).hasSize(1);
    }

    @Test
    void anUnsignedErrorIsNotTrustedNotEvenForWhichErrorItIs() {
        alipay.answer("{\"error_response\":" + text(ERROR, "responseText") + "}");

        AlipayUnavailable e = unavailable();

        assertThat(e.untrusted()).isTrue();
        assertThat(e.getMessage()).contains("unsigned").contains("isv.code-invalid");
    }

    @Test
    void aSignedBusyAnswerIsTriedAgain() {
        String busy = signedError("{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"isp.unknow-error\",\"sub_msg\":\"系统繁忙\"}");
        alipay.answer(busy, text(RESPONSE, "body"));

        assertThat(call().userId()).contains(text(RESPONSE, "userId"));
        assertThat(alipay.requests()).hasSize(2);
        // Each try is signed afresh.
        assertThat(alipay.requests().get(1).query().get("sign")).isNotBlank();
    }

    @Test
    void anAnswerWhoseSlashesAWriterEscapedAfterSigningStillVerifies() {
        String signedText = "{\"user_id\":\"2088102150477652\",\"avatar\":\"https://a/b\"}";
        String body = "{\"alipay_system_oauth_token_response\":" + signedText.replace("/", "\\/") + ",\"sign\":\""
                + AlipaySignatures.sign(signedText, AlipayVectors.alipayPrivateKey()) + "\"}";
        alipay.answer(body);

        assertThat(call().userId()).contains("2088102150477652");
    }

    @Test
    void anHttpErrorOrAPageThatIsNotJsonIsUnavailableAndSaysNoMore() {
        alipay.answerStatus(502, "<html>bad gateway</html>");
        assertThat(unavailable().getMessage()).contains("HTTP 502").doesNotContain(CODE);

        alipay.answer("<html>maintenance</html>");
        AlipayUnavailable e = unavailable();
        assertThat(e.untrusted()).isFalse();
        assertThat(e.getMessage()).doesNotContain(CODE);
    }

    @Test
    void theCodeIsMaskedInAlipaysErrorText() {
        // isv.invalid-signature quotes the whole text the gateway verified, the code in it.
        alipay.answer(
                signedError("{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-signature\","
                        + "\"sub_msg\":\"验签出错，网关生成的验签字符串为：app_id=2021000000000001&code=" + CODE + "&format=JSON\"}"));

        Throwable e = failure();

        assertThat(e).isInstanceOf(AlipayError.class);
        assertThat(e.getMessage()).doesNotContain(CODE).contains("code=***");
    }

    private static String signedError(String errorText) {
        return "{\"error_response\":" + errorText + ",\"sign\":\""
                + AlipaySignatures.sign(errorText, AlipayVectors.alipayPrivateKey()) + "\"}";
    }

    private AlipayClient.AlipayUser call() {
        return Futures.join(client().oauthTokenAsync(APP, CODE));
    }

    private Throwable failure() {
        return Futures.unwrap(catchThrowable(this::call));
    }

    private AlipayUnavailable unavailable() {
        Throwable e = failure();
        assertThat(e).isInstanceOf(AlipayUnavailable.class);
        return (AlipayUnavailable) e;
    }

    private AlipayClient client() {
        PlatformHttpSettings settings = new PlatformHttpSettings(
                alipay.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(8));
        CallPause now = d -> CompletableFuture.completedFuture(null);
        return new AlipayClient(alipay::baseUrl, settings, clock, now);
    }
}
