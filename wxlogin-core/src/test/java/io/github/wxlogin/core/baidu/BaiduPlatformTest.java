package io.github.wxlogin.core.baidu;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Baidu behind the platform port, over real HTTP to a scripted Baidu server: the form jscode2sessionkey
 * takes (the AppKey as client_id, never the AppID), what each answer becomes in the core's terms, and the
 * phone form Baidu does not offer.
 */
class BaiduPlatformTest {

    private static final String SECRET = "bdsecretbdsecretbdsecretbdsecret";
    private static final String APP_KEY = "4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c";
    private static final App APP = new App(Platform.BAIDU, "20000009", SECRET, Optional.empty());
    private static final String SESSION_KEY = "9PyNh2YY98/GcRPR6+aW/TYh+WikUHje";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private ScriptedWeChat baidu;
    private BaiduPlatform platform;

    @BeforeEach
    void start() throws IOException {
        baidu = new ScriptedWeChat();
        BaiduClient client =
                new BaiduClient(baidu::baseUrl, PlatformHttpSettings.defaults(baidu.baseUrl()), clock, Pauses.none());
        platform = new BaiduPlatform(client, app -> APP_KEY);
    }

    @AfterEach
    void stop() {
        baidu.close();
    }

    @Test
    void aCodeIsPostedAsAFormWithTheAppKeyAndSecretForTheOpenidAndSessionKey() {
        baidu.answer(Reply.json("{\"openid\":\"bdOpenid1\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        PlatformSession session =
                platform.exchangeCodeAsync(APP, "bd-login-code").join();

        assertThat(session.openid()).isEqualTo("bdOpenid1");
        assertThat(session.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(session.unionid()).as("Baidu gives no unionid at login").isEmpty();
        ScriptedWeChat.Request sent = baidu.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/oauth/jscode2sessionkey");
        assertThat(sent.rawQuery()).as("nothing secret in the URL").isNullOrEmpty();
        Map<String, String> form = form(sent.body());
        assertThat(form)
                .containsEntry("code", "bd-login-code")
                .containsEntry("client_id", APP_KEY)
                .containsEntry("sk", SECRET)
                .hasSize(3);
    }

    @Test
    void theNewerGetsessionkeyNameOpenIdIsReadToo() {
        baidu.answer(Reply.json("{\"open_id\":\"bdOpenid2\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(platform.exchangeCode(APP, "bd-login-code").openid()).isEqualTo("bdOpenid2");
    }

    @Test
    void invalidGrantIsInvalidCode() {
        baidu.answer(
                Reply.json(
                        "{\"errno\":10010101,\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.heard()).isTrue();
        assertThat(e.detail()).startsWith("Baidu refused the code");
    }

    @Test
    void anOAuthStyleErrorAnsweredWithHttp400IsReadToo() {
        baidu.answer(Reply.status(
                400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code: bd-login-code\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.getCause().getMessage()).doesNotContain("bd-login-code");
    }

    @Test
    void aWrongSecretOrClientIdIsTheOperatorsConfigurationAndNeverShowsTheSecret() {
        baidu.answer(
                Reply.json("{\"errno\":10010102,\"error\":\"invalid_client\",\"error_description\":\"unknown client id "
                        + SECRET + "\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).hasValue(BaiduErrors.MISCONFIGURED_RETRY);
        assertThat(e.detail()).contains("operator").doesNotContain(SECRET);
        assertThat(e.getCause().getMessage()).doesNotContain(SECRET);
    }

    @Test
    void parameterIsInvalidIsTheServicesConfiguration() {
        baidu.answer(
                Reply.json(
                        "{\"errno\":10010100,\"error\":\"parameter is invalid\",\"error_description\":"
                                + "\"Key: 'Code2SessionKeyParam.ClientID' Error:Field validation for 'ClientID' failed on the 'required' tag\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).hasValue(BaiduErrors.MISCONFIGURED_RETRY);
    }

    @Test
    void busyIsRetriedAndThenAnswered() {
        baidu.answer(
                Reply.json("{\"errno\":10010199,\"error\":\"temporarily_unavailable\",\"error_description\":\"busy\"}"),
                Reply.json("{\"openid\":\"bdOpenid3\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(platform.exchangeCode(APP, "bd-login-code").openid()).isEqualTo("bdOpenid3");
        assertThat(baidu.requests()).hasSize(2);
    }

    @Test
    void busyOnEveryTryIsUpstreamUnavailableAndTheCodeWasNotHeard() {
        baidu.answer(Reply.json("{\"errno\":10010199,\"error\":\"server_error\",\"error_description\":\"busy\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(baidu.requests()).hasSize(3);
    }

    @Test
    void aGatewayErrorIsUpstreamUnavailableAndNotHeard() {
        baidu.answer(Reply.status(502, "<html>bad gateway</html>"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(e.detail()).isEqualTo("Baidu could not be reached; try again shortly");
    }

    @Test
    void anAnswerWithoutASessionKeyIsUnavailable() {
        baidu.answer(Reply.json("{\"openid\":\"bdOpenid4\"}"));

        assertThat(refusal().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void anUnknownErrorWordIsUpstreamUnavailableWithItsErrno() {
        baidu.answer(Reply.json("{\"errno\":10010177,\"error\":\"something new\",\"error_description\":\"?\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.detail()).contains("10010177");
    }

    @Test
    void aPhoneCodeIsUnsupportedAndBaiduIsNotAsked() {
        PlatformException e = catchThrowableOfType(
                PlatformException.class, () -> platform.phoneNumber(APP, "bdOpenid1", "some-code"));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(baidu.requests()).isEmpty();
        assertThat(platform.offersEncryptedPhoneData(APP)).isTrue();
    }

    @Test
    void theSessionKeyCheckIsUnsupportedAndBaiduIsNotAsked() {
        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.sessionKeyValid(APP, "bdOpenid1", "k"));

        assertThat(platform.checksSessionKeys(APP)).isFalse();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(baidu.requests()).isEmpty();
    }

    private PlatformException refusal() {
        CompletionException wrapped = catchThrowableOfType(
                CompletionException.class,
                () -> platform.exchangeCodeAsync(APP, "bd-login-code").join());
        assertThat(wrapped.getCause()).isInstanceOf(PlatformException.class);
        return (PlatformException) wrapped.getCause();
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
