package io.github.wxlogin.core.wecom;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.SharedAccessTokens;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * WeCom (企业微信) mini programs behind the {@link PlatformClient} port.
 *
 * <p>In WeCom, {@code wx.qy.login()} gives a code (five minutes, once) that the server trades with
 * {@code GET /cgi-bin/miniprogram/jscode2session} on {@code qyapi.weixin.qq.com}, under the access token
 * of the corp app the mini program is associated with (https://developer.work.weixin.qq.com/document/path/96959).
 * A WeCom app of the configuration is that corp app: its appId is the corpid, its secret the corp
 * app's secret. The token ({@code GET /cgi-bin/gettoken?corpid&corpsecret}, two hours) is kept exactly
 * as WeChat's is ({@link SharedAccessTokens} over the shared {@link AccessTokenStore}: cached, renewed
 * ahead, one fetch for a fleet, one renewal when WeCom answers 40014 or 42001).
 *
 * <p>Identity: WeCom answers the member's {@code corpid} and {@code userid} (unique within the corp)
 * instead of an openid. The openid of the user in the app is the userid; the cross-app id (unionid) is
 * {@code corpid:userid}. A code whose member belongs to another corp than the app's (a mini program
 * associated with several corps) is refused, so one corp's userid never names another corp's member.
 * The same person in the corp's WeChat-side mini program has a WeChat openid: another identity, and so
 * another user until linked.
 *
 * <p>Phone: WeCom has no phone-number code; {@code wx.qy.getMobile} hands the mini program the member's
 * directory number as {@code encryptedData}/{@code iv} under the session_key, in a form WeCom does not
 * document, so both forms of {@code POST /v1/me/phone} are {@code unsupported} and the data is opened by
 * {@code POST /v1/me/decrypt} (WeChat's algorithm under the session_key, owned as {@link #openDataBelongs} says). WeCom's session-key check is
 * client-side only ({@code wx.qy.checkSession}): {@link #sessionKeyValid} is {@code unsupported}.
 */
public final class WeComPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(WeComPlatform.class);

    private final WeComApi api;
    private final SharedAccessTokens tokens;

    WeComPlatform(WeComApi api, AccessTokenStore store, Duration renewAhead, Clock clock) {
        this.api = api;
        this.tokens = new SharedAccessTokens(
                "WeCom access token",
                SharedAccessTokens.Source.of("cgi-bin/gettoken", api::accessToken),
                e -> e instanceof WeChatError w
                        && WeComApi.JSCODE2SESSION.equals(w.api())
                        && WeComErrors.isTokenRefused(w),
                store,
                renewAhead,
                clock);
    }

    /**
     * WeCom's server at {@code baseUrl} (asked on each call), with the given timeouts, retries and
     * circuits; the corp apps' tokens kept in {@code store}, renewed {@code renewAhead} of expiry.
     */
    public static WeComPlatform at(
            Supplier<URI> baseUrl,
            PlatformHttpSettings settings,
            AccessTokenStore store,
            Duration renewAhead,
            Clock clock,
            CallPause pause) {
        return new WeComPlatform(new WeComApi(baseUrl, settings, clock, pause), store, renewAhead, clock);
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    /** No thread waits for jscode2session; the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return Futures.translatingFailure(
                tokens.callAsync(app, token -> api.code2Session(token, code)).thenApply(member -> session(app, member)),
                failure -> refusal(app, failure));
    }

    private static PlatformSession session(App app, WeComApi.Member member) {
        if (!member.corpid().equals(app.appId())) {
            throw new OtherCorp(member.corpid());
        }
        return new PlatformSession(
                member.userid(), member.sessionKey(), Optional.of(member.corpid() + ":" + member.userid()));
    }

    /** WeCom's refusal or failure as the client's error, logged once: by errcode, never with the query. */
    private static Throwable refusal(App app, Throwable failure) {
        if (failure instanceof OtherCorp e) {
            log.info("WeCom login refused: the member belongs to corp {}, not app {}", e.corpid, app.appId());
            return new PlatformException(
                    ErrorCode.INVALID_CODE,
                    "the code is of a member of another corp than app " + app.appId()
                            + ": log in with that corp's appId",
                    null,
                    true,
                    null);
        }
        if (failure instanceof WeChatError e) {
            if (WeComErrors.isMisconfiguration(e) || WeComErrors.isTokenRefused(e)) {
                log.error(
                        "WeCom refused the corp app credentials of app {} at {}: errcode {} {}",
                        app.appId(),
                        e.api(),
                        e.errcode(),
                        e.errmsg());
            } else if (e.errcode() == 40029 || e.isBusy()) {
                log.info("WeCom login refused: errcode {} (app={})", e.errcode(), app.appId());
            } else {
                log.warn("WeCom login refused: errcode {} {} (app={})", e.errcode(), e.errmsg(), app.appId());
            }
            return WeComErrors.toClientError(e);
        }
        if (failure instanceof WeChatUnavailable e) {
            log.warn("WeCom login failed: {} (app={})", e.getMessage(), app.appId());
            return WeComErrors.toClientError(e);
        }
        return failure;
    }

    /**
     * WeCom's open data names the mini program's WeChat appid in its watermark, not the corpid ("解密时
     * 使用的appid为小程序的appid，而非企业的corpid", wx.qy.getEnterpriseUserInfo, document 92396), and
     * this service knows the corp only: the data is the app's when it carries a watermark and names the
     * app's corp in {@code corpid}, and, where it names a member, the caller ({@code userid}).
     */
    @Override
    public boolean openDataBelongs(App app, String openid, JsonNode data) {
        JsonNode watermark = data.get("watermark");
        JsonNode corpid = data.get("corpid");
        JsonNode userid = data.get("userid");
        return watermark != null
                && watermark.isObject()
                && corpid != null
                && corpid.isString()
                && corpid.asString().equals(app.appId())
                && (userid == null || (userid.isString() && userid.asString().equals(openid)));
    }

    /** WeCom's circuits (gettoken, jscode2session), for the metrics. */
    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(api.circuits());
    }

    /** WeCom has no phone-number code: {@code unsupported}, and WeCom is not asked. */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        throw WeComErrors.noPhoneCode();
    }

    /** wx.qy.getMobile's plaintext is not documented: its data is opened by POST /v1/me/decrypt instead. */
    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return false;
    }

    /** jscode2session named a member of another corp than the app's. */
    private static final class OtherCorp extends RuntimeException {

        private final String corpid;

        OtherCorp(String corpid) {
            super("member of another corp", null, false, false);
            this.corpid = corpid;
        }
    }
}
