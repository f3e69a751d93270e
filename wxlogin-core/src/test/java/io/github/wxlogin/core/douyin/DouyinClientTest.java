package io.github.wxlogin.core.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.wechat.InMemoryAccessTokenStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DouyinClient} and {@link DouyinPlatform} against a scripted Douyin over real HTTP: what each call
 * sends (JSON bodies, the client token in a header, nothing in a URL), how each answer is read, and how
 * Douyin's errors come out, with nothing sent echoed back into a message.
 */
class DouyinClientTest {

    private static final App APP = new App(Platform.DOUYIN, "tt1234567890abcdef", "the-app-secret", Optional.empty());
    private static final JsonMapper JSON = JsonMapper.shared();

    private final ScriptedDouyin douyin = new ScriptedDouyin();
    private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");
    private final DouyinClient client = new DouyinClient(
            douyin::url,
            douyin::url,
            PlatformHttpSettings.defaults(douyin.url()),
            clock,
            d -> CompletableFuture.completedFuture(null));

    @AfterEach
    void stop() {
        douyin.close();
    }

    private DouyinPlatform platform(DouyinPhoneKeys keys) {
        return new DouyinPlatform(
                client,
                new DouyinClientTokens(client, new InMemoryAccessTokenStore(), Duration.ofMinutes(5), clock),
                keys);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return Futures.unwrap(future.handle((v, e) -> e).join());
    }

    @Test
    void code2SessionPostsJsonAndReadsTheUserAndTheDevice() {
        douyin.on(DouyinClient.CODE2SESSION, """
                {"err_no":0,"err_tips":"success","log_id":"l","data":{"session_key":"c2Vzc2lvbmtleTEyMzQ1Ng==",
                 "openid":"_000open","anonymous_openid":"_000device","unionid":"union-1"}}""");

        PlatformLogin login = client.code2SessionAsync(
                        APP, new LoginCodes(Optional.of("the-code"), Optional.of("the-anonymous-code")))
                .join();

        assertThat(login.session().orElseThrow().openid()).isEqualTo("_000open");
        assertThat(login.session().orElseThrow().unionid()).hasValue("union-1");
        assertThat(login.anonymousOpenid()).hasValue("_000device");
        ScriptedDouyin.Request sent = douyin.calls(DouyinClient.CODE2SESSION).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawQuery()).isNull();
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(sent.body()))
                .isEqualTo(JSON.valueToTree(Map.of(
                        "appid", APP.appId(),
                        "secret", "the-app-secret",
                        "code", "the-code",
                        "anonymous_code", "the-anonymous-code")));
    }

    @Test
    void anAnonymousCodeAloneSendsNoCodeAndReadsTheDeviceOnly() {
        douyin.on(DouyinClient.CODE2SESSION, """
                {"err_no":0,"data":{"session_key":"","openid":"","anonymous_openid":"_000device","unionid":""}}""");

        PlatformLogin login = client.code2SessionAsync(APP, new LoginCodes(Optional.empty(), Optional.of("anon")))
                .join();

        assertThat(login.isGuest()).isTrue();
        assertThat(login.anonymousOpenid()).hasValue("_000device");
        assertThat(JSON.readTree(douyin.calls(DouyinClient.CODE2SESSION).get(0).body())
                        .has("code"))
                .isFalse();
    }

    @Test
    void anAnswerWithoutWhatWasAskedIsUnavailable() {
        douyin.on(DouyinClient.CODE2SESSION, "{\"err_no\":0,\"data\":{\"anonymous_openid\":\"_000device\"}}");

        assertThat(failure(client.code2SessionAsync(APP, LoginCodes.of("c")))).isInstanceOf(DouyinUnavailable.class);
    }

    @Test
    void douyinsErrorIsKeptWithItsCodeAndNothingSentIsEchoed() {
        douyin.on(DouyinClient.CODE2SESSION, "{\"err_no\":40018,\"err_tips\":\"bad code the-code of the-app-secret\"}");

        Throwable e = failure(client.code2SessionAsync(APP, LoginCodes.of("the-code")));

        assertThat(e).isInstanceOf(DouyinError.class);
        assertThat(((DouyinError) e).errNo()).isEqualTo(40018);
        assertThat(e.getMessage())
                .doesNotContain("the-code")
                .doesNotContain("the-app-secret")
                .contains("bad code");
    }

    @Test
    void aGatewaysPageOrAnAnswerThatIsNoJsonObjectIsUnavailable() {
        douyin.onStatus(DouyinClient.CODE2SESSION, 502, "<html>bad gateway</html>");
        assertThat(failure(client.code2SessionAsync(APP, LoginCodes.of("c")))).isInstanceOf(DouyinUnavailable.class);
    }

    @Test
    void theClientTokenIsOpenDouyinsInItsOwnErrorFormat() {
        douyin.on(DouyinClient.CLIENT_TOKEN, """
                {"data":{"captcha":"","desc_url":"","description":"client_key 或者 client_secret 报错","error_code":10013},
                 "message":"error"}""");

        assertThatThrownBy(() -> client.clientToken(APP))
                .isInstanceOfSatisfying(
                        DouyinError.class, e -> assertThat(e.errNo()).isEqualTo(10013));
        assertThat(JSON.readTree(douyin.calls(DouyinClient.CLIENT_TOKEN).get(0).body()))
                .isEqualTo(JSON.valueToTree(Map.of(
                        "client_key",
                        APP.appId(),
                        "client_secret",
                        "the-app-secret",
                        "grant_type",
                        "client_credential")));
    }

    @Test
    void aPhoneCodeTravelsWithTheClientTokenInItsHeaderAndOpensWithTheAppsKey() {
        douyin.on(DouyinClient.CLIENT_TOKEN, """
                {"data":{"access_token":"clt.token-1","description":"","error_code":0,"expires_in":7200},"message":"success"}""");
        douyin.on(
                DouyinClient.PHONE_NUMBER,
                "{\"err_no\":0,\"err_tips\":\"success\",\"log_id\":\"l\",\"data\":\""
                        + DouyinVectors.text(DouyinVectors.PHONE_CODE, "data") + "\"}");
        DouyinPhoneKeys keys = new DouyinPhoneKeys(Map.of(
                APP.appId(), DouyinPhoneKeys.parse(DouyinVectors.text(DouyinVectors.PHONE_CODE, "privateKeyPkcs8"))));

        PlatformPhone phone = platform(keys).phoneNumber(APP, "_000open", "phone-code");

        assertThat(phone)
                .isEqualTo(new PlatformPhone("13800138000", "13800138000", "86", Optional.of("tt00000000000001")));
        ScriptedDouyin.Request sent = douyin.calls(DouyinClient.PHONE_NUMBER).get(0);
        assertThat(sent.header("access-token")).isEqualTo("clt.token-1");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.valueToTree(Map.of("code", "phone-code")));
    }

    @Test
    void aRefusedClientTokenIsRenewedOnceAndTheCallTriedAgain() {
        douyin.on(
                DouyinClient.CLIENT_TOKEN,
                "{\"data\":{\"access_token\":\"clt.old\",\"error_code\":0,\"expires_in\":7200}}",
                "{\"data\":{\"access_token\":\"clt.new\",\"error_code\":0,\"expires_in\":7200}}");
        douyin.on(
                DouyinClient.PHONE_NUMBER,
                "{\"err_no\":28001003,\"err_tips\":\"access_token无效\"}",
                "{\"err_no\":0,\"data\":\"" + DouyinVectors.text(DouyinVectors.PHONE_CODE, "data") + "\"}");
        DouyinPhoneKeys keys = new DouyinPhoneKeys(Map.of(
                APP.appId(), DouyinPhoneKeys.parse(DouyinVectors.text(DouyinVectors.PHONE_CODE, "privateKeyPkcs1"))));

        assertThat(platform(keys).phoneNumber(APP, "_000open", "phone-code").purePhoneNumber())
                .isEqualTo("13800138000");

        assertThat(douyin.calls(DouyinClient.PHONE_NUMBER))
                .extracting(r -> r.header("access-token"))
                .containsExactly("clt.old", "clt.new");
    }

    @Test
    void withoutTheAppsKeyAPhoneCodeIsUnsupportedAndDouyinIsNotAsked() {
        assertThatThrownBy(() -> platform(DouyinPhoneKeys.none()).phoneNumber(APP, "_000open", "phone-code"))
                .isInstanceOfSatisfying(
                        PlatformException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(douyin.requests).isEmpty();
    }

    @Test
    void theSessionKeyCheckIsUnsupportedAndDouyinIsNotAsked() {
        assertThat(platform(DouyinPhoneKeys.none()).checksSessionKeys(APP)).isFalse();
        assertThatThrownBy(() -> platform(DouyinPhoneKeys.none()).sessionKeyValid(APP, "_000open", "k"))
                .isInstanceOfSatisfying(
                        PlatformException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(douyin.requests).isEmpty();
    }

    @Test
    void dataThatDoesNotOpenWithTheConfiguredKeyIsUpstreamUnavailable() {
        douyin.on(
                DouyinClient.CLIENT_TOKEN,
                "{\"data\":{\"access_token\":\"clt.t\",\"error_code\":0,\"expires_in\":7200}}");
        douyin.on(
                DouyinClient.PHONE_NUMBER,
                "{\"err_no\":0,\"data\":\"" + DouyinVectors.text(DouyinVectors.PHONE_CODE, "dataOaep") + "\"}");
        DouyinPhoneKeys keys = new DouyinPhoneKeys(Map.of(
                APP.appId(), DouyinPhoneKeys.parse(DouyinVectors.text(DouyinVectors.PHONE_CODE, "privateKeyPkcs8"))));

        assertThatThrownBy(() -> platform(keys).phoneNumber(APP, "_000open", "phone-code"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
                    assertThat(e.retryAfter()).isPresent();
                });
    }
}
