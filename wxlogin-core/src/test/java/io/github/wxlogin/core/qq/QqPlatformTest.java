package io.github.wxlogin.core.qq;

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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QQ behind the platform port, over real HTTP to a scripted QQ server: the request QQ's code2Session
 * takes, what each answer becomes in the core's terms, and the phone forms QQ does not offer.
 */
class QqPlatformTest {

    private static final String SECRET = "qqsecretqqsecretqqsecretqqsecret";
    private static final App APP = new App(Platform.QQ, "1110000009", SECRET, Optional.of("g"));
    private static final String SESSION_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private ScriptedWeChat qq;
    private QqPlatform platform;

    @BeforeEach
    void start() throws IOException {
        qq = new ScriptedWeChat();
        platform = QqPlatform.at(qq::baseUrl, PlatformHttpSettings.defaults(qq.baseUrl()), clock, Pauses.none());
    }

    @AfterEach
    void stop() {
        qq.close();
    }

    @Test
    void aCodeIsExchangedWithQqsCode2SessionForTheUsersOpenidSessionKeyAndUnionid() {
        qq.answer(Reply.json(
                "{\"openid\":\"QQOPENID1\",\"session_key\":\"" + SESSION_KEY + "\",\"unionid\":\"QQUNIONID1\"}"));

        PlatformSession session =
                platform.exchangeCodeAsync(APP, "qq-login-code").join();

        assertThat(session.openid()).isEqualTo("QQOPENID1");
        assertThat(session.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(session.unionid()).hasValue("QQUNIONID1");
        ScriptedWeChat.Request sent = qq.requests().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/sns/jscode2session");
        assertThat(sent.param("appid")).isEqualTo("1110000009");
        assertThat(sent.param("secret")).isEqualTo(SECRET);
        assertThat(sent.param("js_code")).isEqualTo("qq-login-code");
        assertThat(sent.param("grant_type")).isEqualTo("authorization_code");
    }

    @Test
    void anAppNotBoundToAQqConnectAccountHasNoUnionid() {
        qq.answer(Reply.json("{\"openid\":\"QQOPENID2\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(platform.exchangeCode(APP, "qq-login-code").unionid()).isEmpty();
    }

    @Test
    void anInvalidCodeIsInvalidCodeInQqsWords() {
        qq.answer(Reply.json("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.heard()).isTrue();
        assertThat(e.detail()).startsWith("QQ refused the code");
    }

    @Test
    void busyIsRetriedAndThenAnswered() {
        qq.answer(
                Reply.json("{\"errcode\":-1,\"errmsg\":\"system error\"}"),
                Reply.json("{\"openid\":\"QQOPENID3\",\"session_key\":\"" + SESSION_KEY + "\"}"));

        assertThat(platform.exchangeCode(APP, "qq-login-code").openid()).isEqualTo("QQOPENID3");
        assertThat(qq.requests()).hasSize(2);
    }

    @Test
    void busyOnEveryTryIsUpstreamUnavailableAndTheCodeWasNotHeard() {
        qq.answer(Reply.json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(qq.requests()).hasSize(3);
    }

    @Test
    void aGatewayErrorIsUpstreamUnavailableAndNotHeard() {
        qq.answer(Reply.status(502, "<html>bad gateway</html>"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(e.detail()).isEqualTo("QQ could not be reached; try again shortly");
    }

    @Test
    void anErrcodeQqDoesNotDocumentIsUpstreamUnavailableWithoutQqsWordsOrTheSecret() {
        qq.answer(Reply.json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret " + SECRET + "\"}"));

        PlatformException e = refusal();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.detail()).doesNotContain("appsecret").doesNotContain(SECRET);
        assertThat(e.getCause().getMessage()).doesNotContain(SECRET);
    }

    @Test
    void aPhoneCodeIsUnsupportedAndQqIsNotAsked() {
        PlatformException e = catchThrowableOfType(
                PlatformException.class, () -> platform.phoneNumber(APP, "QQOPENID1", "some-code"));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(qq.requests()).isEmpty();
    }

    @Test
    void qqsPhoneButtonGivesNoEncryptedData() {
        assertThat(platform.offersEncryptedPhoneData(APP)).isFalse();
    }

    @Test
    void theSessionKeyCheckIsUnsupportedAndQqIsNotAsked() {
        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.sessionKeyValid(APP, "QQOPENID1", "k"));

        assertThat(platform.checksSessionKeys(APP)).isFalse();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(qq.requests()).isEmpty();
    }

    private PlatformException refusal() {
        CompletionException wrapped = catchThrowableOfType(
                CompletionException.class,
                () -> platform.exchangeCodeAsync(APP, "qq-login-code").join());
        assertThat(wrapped.getCause()).isInstanceOf(PlatformException.class);
        return (PlatformException) wrapped.getCause();
    }
}
