package io.github.wxlogin.core.qq;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QQ mini programs behind the {@link PlatformClient} port.
 *
 * <p>QQ's code2Session is WeChat's API on QQ's host: {@code GET https://api.q.qq.com/sns/jscode2session?appid&secret&js_code&grant_type=authorization_code}
 * answers {@code openid, session_key, unionid?} or {@code errcode, errmsg}, so the exchange goes
 * through a {@link WeChatClient} pointed there ({@link WeChatClient#sameApiAt}) with its bounded retry
 * of {@code -1} and its own circuit, and {@link QqErrors} maps QQ's errcodes. The code lives five
 * minutes and is good once (https://q.qq.com/wiki/develop/miniprogram/API/open_port/port_login.html).
 * QQ's open data is WeChat's too (AES-128-CBC under the session_key, a {@code watermark}, and
 * {@code signature = sha1(rawData + session_key)}: https://q.qq.com/wiki/develop/game/frame/open-ability/signature.html,
 * mirrored for mini programs at https://www.w3cschool.cn/qqxiaochengxu/qqxiaochengxu-enk8386s.html),
 * so {@code POST /v1/me/decrypt} needs nothing of QQ's own.
 *
 * <p>QQ's mini programs have no phone-number button: QQ's button {@code open-type} list has no
 * {@code getPhoneNumber} and its authorization scopes no phone number
 * (https://q.qq.com/wiki/develop/miniprogram/frame/open_ability/open_userinfo.html), so both forms of
 * {@code POST /v1/me/phone} are {@code unsupported} for a QQ app. QQ's session-key check needs the app's
 * QQ access token, which this service does not hold, so {@link #sessionKeyValid} is {@code unsupported}
 * too. Refusals are logged here, once, by errcode, never with the query, the code or a key.
 */
public final class QqPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(QqPlatform.class);

    private final WeChatClient api;

    /** @param api a client of QQ's server, made by {@link WeChatClient#sameApiAt} */
    public QqPlatform(WeChatClient api) {
        this.api = api;
    }

    /** QQ's server at {@code baseUrl} (asked on each call), under the given timeouts, retries and circuit. */
    public static QqPlatform at(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        return new QqPlatform(WeChatClient.sameApiAt("QQ", baseUrl, settings, clock, pause));
    }

    /** No thread waits for QQ: the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(api.circuits());
    }

    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return Futures.translatingFailure(api.code2SessionAsync(app, code), failure -> refusal(app, failure));
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    /** QQ's refusal or failure as the client's error, logged once: by errcode, never with the query. */
    private static Throwable refusal(App app, Throwable failure) {
        if (failure instanceof WeChatError e) {
            if (QqErrors.isUndocumented(e)) {
                log.error(
                        "QQ refused the login request of app {}: errcode {} {}", app.appId(), e.errcode(), e.errmsg());
            } else {
                log.info("Login refused by QQ: errcode {} (app={})", e.errcode(), app.appId());
            }
            return QqErrors.toClientError(e);
        }
        if (failure instanceof WeChatUnavailable e) {
            log.warn("QQ login failed: {} (app={})", e.getMessage(), app.appId());
            return QqErrors.toClientError(e);
        }
        return failure;
    }

    /** QQ has no phone-number button, so no phone code: {@code unsupported}, and QQ is not asked. */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        throw QqErrors.noPhoneButton();
    }

    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return false;
    }
}
