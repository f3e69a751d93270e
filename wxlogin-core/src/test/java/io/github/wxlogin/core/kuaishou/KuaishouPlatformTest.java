package io.github.wxlogin.core.kuaishou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.wechat.Pauses;
import io.github.wxlogin.core.wechat.ScriptedWeChat;
import io.github.wxlogin.core.wechat.ScriptedWeChat.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kuaishou behind the platform port, over real HTTP to a scripted Kuaishou server: the form
 * code2Session takes, what each {@code result} becomes in the contract's terms, the phone form Kuaishou
 * does not offer, and the per-app rule of its watermark-less data.
 */
class KuaishouPlatformTest {

    private static final String SECRET = "kssecret-kssecret-kssecret";
    private static final App APP = new App(Platform.KUAISHOU, "ks0000000000000009", SECRET, Optional.empty());
    private static final String SESSION_KEY = "8K0t885oklZV9xa+hJViWg==";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private ScriptedWeChat ks;
    private KuaishouPlatform platform;

    @BeforeEach
    void start() throws IOException {
        ks = new ScriptedWeChat();
        platform = KuaishouPlatform.at(ks::baseUrl, PlatformHttpSettings.defaults(ks.baseUrl()), clock, Pauses.none());
    }

    @AfterEach
    void stop() {
        ks.close();
    }

    @Test
    void aCodeIsPostedAsAFormToCode2SessionForTheOpenIdAndSessionKeyAndNoUnionid() {
        ks.answer(
                Reply.json("{\"result\":1,\"open_id\":\"f19a6e2c5b8d4e07\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        PlatformSession session =
                platform.exchangeCodeAsync(APP, "ks-login-code").join();

        assertThat(session.openid()).isEqualTo("f19a6e2c5b8d4e07");
        assertThat(session.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(session.unionid()).isEmpty();
        ScriptedWeChat.Request sent = ks.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/oauth2/mp/code2session");
        assertThat(sent.rawQuery()).as("nothing secret in the URL").isNull();
        Map<String, String> form = form(sent.body());
        assertThat(form)
                .containsEntry("app_id", "ks0000000000000009")
                .containsEntry("app_secret", SECRET)
                .containsEntry("js_code", "ks-login-code")
                .hasSize(3);
    }

    @Test
    void aWrongCodeIsInvalidCode() {
        ks.answer(Reply.json("{\"result\":100200105,\"error_msg\":\"code error\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.heard()).isTrue();
        assertThat(e.getMessage()).startsWith("Kuaishou refused the code");
        assertThat(ks.requests()).hasSize(1);
    }

    @Test
    void theOverseasHostsCodeIllegalIsInvalidCodeToo() {
        ks.answer(Reply.json("{\"result\":240001,\"error_msg\":\"code illegal\"}"));

        assertThat(refusal().code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void kuaishousInternalErrorIsRetriedAndTheLoginGoesThrough() {
        ks.answer(
                Reply.json("{\"result\":100200500,\"error_msg\":\"internal error\"}"),
                Reply.json("{\"result\":1,\"open_id\":\"OPEN2\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(platform.exchangeCode(APP, "ks-busy-once").openid()).isEqualTo("OPEN2");
        assertThat(ks.requests()).hasSize(2);
    }

    @Test
    void kuaishouBusyOnEveryTryIsUpstreamUnavailableNotHeard() {
        ks.answer(
                Reply.json("{\"result\":100200500,\"error_msg\":\"internal error\"}"),
                Reply.json("{\"result\":100200500,\"error_msg\":\"internal error\"}"),
                Reply.json("{\"result\":100200500,\"error_msg\":\"internal error\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard())
                .as("the code was not spent: the client may send it again")
                .isFalse();
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(5));
        assertThat(ks.requests()).hasSize(3);
    }

    @Test
    void kuaishousRateLimitIsRateLimitedWithAMinutesRetryAfter() {
        ks.answer(Reply.json("{\"result\":400002,\"error_msg\":\"api限速\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(ints = {100200100, 100200101, 100, 240002, 12345})
    void theServicesOwnCredentialsOrRequestRefusedIsUpstreamUnavailableWithoutTheSecret(int result) {
        ks.answer(Reply.json("{\"result\":" + result + ",\"error_msg\":\"app_secret " + SECRET + " invalid\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60));
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.getCause().getMessage())
                .as("Kuaishou's echo of the secret is masked")
                .doesNotContain(SECRET)
                .contains("***");
    }

    @Test
    void aGatewayPageIsUpstreamUnavailableNotHeard() {
        ks.answer(Reply.status(502, "<html>bad gateway</html>"), Reply.status(502, "x"), Reply.status(502, "x"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Kuaishou could not be reached; try again shortly");
    }

    @Test
    void anAnswerWithoutResultOrWithoutSessionKeyIsUpstreamUnavailable() {
        ks.answer(Reply.json("{\"open_id\":\"X\",\"session_key\":\"" + SESSION_KEY + "\"}"));
        assertThat(refusal().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);

        ks.answer(Reply.json("{\"result\":1,\"open_id\":\"X\"}"));
        assertThat(refusal().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aPhoneCodeIsUnsupportedAndKuaishouIsNotAsked() {
        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.phoneNumber(APP, "OPEN", "code"));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).contains("encryptedData and iv");
        assertThat(platform.offersEncryptedPhoneData(APP)).isTrue();
        assertThat(ks.requests()).isEmpty();
    }

    @Test
    void theSessionKeyCheckIsUnsupportedAndKuaishouIsNotAsked() {
        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.sessionKeyValid(APP, "OPEN", "k"));

        assertThat(platform.checksSessionKeys(APP)).isFalse();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(ks.requests()).isEmpty();
    }

    @Test
    void dataWithoutAWatermarkIsTheAppsButAnOpenIdOrWatermarkMustNameThisUserAndApp() {
        JsonMapper json = JsonMapper.shared();

        assertThat(platform.openDataBelongs(APP, "OPEN", json.readTree("{\"phoneNumber\":\"13800138000\"}")))
                .isTrue();
        assertThat(platform.openDataBelongs(APP, "OPEN", json.readTree("{\"openId\":\"OPEN\",\"nickName\":\"K\"}")))
                .isTrue();
        assertThat(platform.openDataBelongs(APP, "OPEN", json.readTree("{\"openId\":\"OTHER\"}")))
                .isFalse();
        assertThat(platform.openDataBelongs(APP, "OPEN", json.readTree("{\"watermark\":{\"appid\":\"ks9\"}}")))
                .isFalse();
        assertThat(platform.openDataBelongs(
                        APP, "OPEN", json.readTree("{\"watermark\":{\"appid\":\"" + APP.appId() + "\"}}")))
                .isTrue();
    }

    private PlatformException refusal() {
        CompletionException e = catchThrowableOfType(
                CompletionException.class,
                () -> platform.exchangeCodeAsync(APP, "ks-code").join());
        assertThat(e.getCause()).isInstanceOf(PlatformException.class);
        return (PlatformException) e.getCause();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
