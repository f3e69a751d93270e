package io.github.wxlogin.core.alipay;

import static io.github.wxlogin.core.alipay.AlipayVectors.ERROR;
import static io.github.wxlogin.core.alipay.AlipayVectors.PHONE;
import static io.github.wxlogin.core.alipay.AlipayVectors.RESPONSE;
import static io.github.wxlogin.core.alipay.AlipayVectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alipay behind the platform port: the id a login gives, and what the client is told otherwise. */
class AlipayPlatformTest {

    private static final String CODE = "4b203fe6c11548bcabd8da5bb087a83b";
    private static final App APP = new App(Platform.ALIPAY, "2021000000000001", "none", Optional.empty());

    private final MutableClock clock = MutableClock.at("2026-01-01T19:04:05Z");
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
    void aLoginGivesTheUserIdWithoutSessionKeyOrUnionid() {
        alipay.answer(text(RESPONSE, "body"));

        PlatformSession session = platform(AlipayIdMode.USER_ID).exchangeCode(APP, CODE);

        assertThat(session.openid()).isEqualTo(text(RESPONSE, "userId"));
        assertThat(session.sessionKeyIfAny()).isEmpty();
        assertThat(session.unionid()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"AUTO, open1", "OPEN_ID, open1", "USER_ID, 2088000000000001"})
    void theIdModePicksTheIdFromAnAnswerWithBoth(AlipayIdMode mode, String expected) {
        alipay.answer(signed("{\"open_id\":\"open1\",\"user_id\":\"2088000000000001\",\"access_token\":\"a\"}"));

        assertThat(platform(mode).exchangeCode(APP, CODE).openid()).isEqualTo(expected);
    }

    @Test
    void anAnswerWithoutTheIdTheModeWantsIsTheOperatorsMistake() {
        alipay.answer(signed("{\"open_id\":\"open1\",\"access_token\":\"a\"}"));

        PlatformException e = refused(AlipayIdMode.USER_ID);

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.detail()).contains("operator");
    }

    @Test
    void aRefusedCodeIsInvalidCode() {
        alipay.answer(text(ERROR, "body"));

        assertThat(refused(AlipayIdMode.AUTO).code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void anUntrustedAnswerIsUpstreamUnavailableAndTheCodeStaysSpent() {
        alipay.answer(text(RESPONSE, "body").replace("2088102150477652", "2088102150477653"));

        PlatformException e = refused(AlipayIdMode.AUTO);

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isTrue();
    }

    @Test
    void busyUntilTheTriesAreSpentIsUpstreamUnavailableAndTheCodeIsGivenBack() {
        alipay.answer(signedError("{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"isp.unknow-error\",\"sub_msg\":\"系统繁忙\"}"));

        PlatformException e = refused(AlipayIdMode.AUTO);

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(alipay.requests()).hasSize(3);
    }

    @Test
    void phoneCodesAndSessionKeysAreUnsupportedButTheSignedAnswerBindsANumber() {
        AlipayPlatform platform = platform(AlipayIdMode.AUTO);

        assertThat(catchThrowableOfType(PlatformException.class, () -> platform.phoneNumber(APP, "o", "code"))
                        .code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(platform.checksSessionKeys(APP)).isFalse();
        assertThat(catchThrowableOfType(PlatformException.class, () -> platform.sessionKeyValid(APP, "o", "k"))
                        .code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(platform.phoneFromSignedResponse(APP, text(PHONE, "response"), text(PHONE, "sign"))
                        .phoneNumber())
                .isEqualTo(text(PHONE, "mobile"));
    }

    private PlatformException refused(AlipayIdMode mode) {
        PlatformException e = catchThrowableOfType(
                PlatformException.class, () -> platform(mode).exchangeCode(APP, CODE));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(CODE);
        return e;
    }

    private static String signed(String responseText) {
        return "{\"alipay_system_oauth_token_response\":" + responseText + ",\"sign\":\""
                + AlipaySignatures.sign(responseText, AlipayVectors.alipayPrivateKey()) + "\"}";
    }

    private static String signedError(String errorText) {
        return "{\"error_response\":" + errorText + ",\"sign\":\""
                + AlipaySignatures.sign(errorText, AlipayVectors.alipayPrivateKey()) + "\"}";
    }

    private AlipayPlatform platform(AlipayIdMode mode) {
        AlipayApp app = new AlipayApp(
                APP.appId(),
                AlipayVectors.appPrivateKey(),
                AlipayVectors.alipayPublicKey(),
                Optional.of(AlipayKeyText.contentKey(text(PHONE, "contentKey"))),
                mode);
        PlatformHttpSettings settings = new PlatformHttpSettings(
                alipay.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(8));
        AlipayClient client =
                new AlipayClient(alipay::baseUrl, settings, clock, d -> CompletableFuture.completedFuture(null));
        return new AlipayPlatform(client, new AlipayApps(List.of(app)));
    }
}
