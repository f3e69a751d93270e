package io.github.wxlogin.core.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.wechat.ScriptedWeChat.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat behind the platform port, over real HTTP to a scripted WeChat: what each answer becomes in
 * the core's terms, whether a refused code counts as heard, and the checksession signature.
 */
class WeChatPlatformTest {

    private static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    private static final App APP = new App("wx6666666666666666", SECRET, Optional.empty());
    private static final String SESSION_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    private static final String TOKEN_REPLY = "{\"access_token\":\"ACCESS_TOKEN_1\",\"expires_in\":7200}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private ScriptedWeChat wechat;
    private WeChatPlatform platform;

    @BeforeEach
    void start() throws IOException {
        wechat = new ScriptedWeChat();
        WeChatClient client = new WeChatClient(
                wechat::baseUrl, PlatformHttpSettings.defaults(wechat.baseUrl()), clock, Pauses.none());
        platform = new WeChatPlatform(
                client,
                new AccessTokens(
                        client,
                        new InMemoryAccessTokenStore(),
                        AccessTokens.Mode.STABLE,
                        java.time.Duration.ofMinutes(5),
                        clock));
    }

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aCodeBecomesTheUsersSession() {
        wechat.answer(Reply.json("{\"openid\":\"o_1\",\"session_key\":\"" + SESSION_KEY + "\",\"unionid\":\"u_1\"}"));

        PlatformSession session = platform.exchangeCode(APP, "CODE_1");

        assertThat(session.openid()).isEqualTo("o_1");
        assertThat(session.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(session.unionid()).contains("u_1");
        assertThat(wechat.requests().get(0).path()).isEqualTo("/sns/jscode2session");
        assertThat(wechat.requests().get(0).param("js_code")).isEqualTo("CODE_1");
    }

    @Test
    void anInvalidCodeIsRefusedAndCountsAsHeard() {
        wechat.answer(Reply.json("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> platform.exchangeCode(APP, "C"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.heard()).as("WeChat looked at the code: it is spent").isTrue();
    }

    @Test
    void busyAfterEveryRetryIsUnavailableAndNotHeard() {
        wechat.answer(Reply.json("{\"errcode\":-1,\"errmsg\":\"system busy\"}"));

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> platform.exchangeCode(APP, "C"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).as("a busy WeChat did not spend the code").isFalse();
        assertThat(e.retryAfter()).isPresent();
    }

    @Test
    void anUnreachableWeChatIsUnavailableAndNotHeard() {
        wechat.answer(Reply.status(502, "bad gateway"));

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> platform.exchangeCode(APP, "C"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
    }

    @Test
    void refusedCredentialsAreUnavailableWithoutTheSecret() {
        wechat.answer(Reply.json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret " + SECRET + "\"}"));

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> platform.exchangeCode(APP, "C"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.getMessage()).contains("configuration").doesNotContain(SECRET);
        assertThat(e.getCause().getMessage())
                .as("WeChat's errmsg, as logged")
                .doesNotContain(SECRET)
                .contains("***");
    }

    @Test
    void aPhoneCodeBecomesTheNumberWithItsWatermark() {
        wechat.answer(
                Reply.json(TOKEN_REPLY),
                Reply.json("{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{"
                        + "\"phoneNumber\":\"+86 13800138000\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\","
                        + "\"watermark\":{\"timestamp\":1740816000,\"appid\":\"" + APP.appId() + "\"}}}"));

        PlatformPhone phone = platform.phoneNumber(APP, "o_1", "PHONE_CODE");

        assertThat(phone.purePhoneNumber()).isEqualTo("13800138000");
        assertThat(phone.countryCode()).isEqualTo("86");
        assertThat(phone.watermarkAppId()).contains(APP.appId());
        ScriptedWeChat.Request call = wechat.requests().get(1);
        assertThat(call.param("access_token")).isEqualTo("ACCESS_TOKEN_1");
        // The openid goes in the body beside the code, so WeChat checks the code is this user's.
        JsonNode body = JSON.readTree(call.body());
        assertThat(body.get("code").asString()).isEqualTo("PHONE_CODE");
        assertThat(body.get("openid").asString()).isEqualTo("o_1");
    }

    @Test
    void aPhoneCodeOfAnotherUserIsInvalidCodeThatSaysSo() {
        wechat.answer(Reply.json(TOKEN_REPLY), Reply.json("{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 1\"}"));

        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.phoneNumber(APP, "o_1", "BOBS_CODE"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.detail()).contains("another user's");
    }

    @Test
    void aSpentPhoneQuotaIsUpstreamUnavailableWithItsOwnDetail() {
        wechat.answer(
                Reply.json(TOKEN_REPLY),
                Reply.json("{\"errcode\":1400001,\"errmsg\":\"phone number quota exhausted, rid: 1\"}"));

        PlatformException e =
                catchThrowableOfType(PlatformException.class, () -> platform.phoneNumber(APP, "o_1", "PHONE_CODE"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.detail())
                .isEqualTo("WeChat's phone-number quota for this app is spent; the operator must buy more");
        assertThat(e.retryAfter()).contains(java.time.Duration.ofHours(1));
        assertThat(wechat.requests()).as("an answer, not retried").hasSize(2);
    }

    @Test
    void theSessionKeyCheckSendsWeChatsSignatureOfTheEmptyString() throws Exception {
        wechat.answer(Reply.json(TOKEN_REPLY), Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        assertThat(platform.checksSessionKeys(APP)).isTrue();
        assertThat(platform.sessionKeyValid(APP, "o_1", SESSION_KEY)).isTrue();

        ScriptedWeChat.Request check = wechat.requests().get(1);
        assertThat(check.path()).isEqualTo("/wxa/checksession");
        assertThat(check.param("openid")).isEqualTo("o_1");
        assertThat(check.param("sig_method")).isEqualTo("hmac_sha256");
        assertThat(check.param("access_token")).isEqualTo("ACCESS_TOKEN_1");
        // Written here from WeChat's documentation, not with the code under test.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SESSION_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(check.param("signature")).isEqualTo(HexFormat.of().formatHex(mac.doFinal(new byte[0])));
        assertThat(check.rawQuery()).doesNotContain(SESSION_KEY);
    }

    @Test
    void aSessionKeyWeChatNoLongerHoldsIsInvalid() {
        wechat.answer(Reply.json(TOKEN_REPLY), Reply.json("{\"errcode\":87009,\"errmsg\":\"invalid signature\"}"));

        assertThat(platform.sessionKeyValid(APP, "o_1", SESSION_KEY)).isFalse();
    }
}
