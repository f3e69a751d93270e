package io.github.wxlogin.core.baidu;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.opendata.OpenDataFormat;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Baidu smart programs behind the {@link PlatformClient} port.
 *
 * <p>An app is configured by its AppID (the number Baidu's console shows, {@code 20000001}) or by its
 * AppKey, with its AppSecret; Baidu's APIs need the AppKey ({@code client_id} of jscode2sessionkey, and
 * the trailer of each open-data plaintext), which {@code appKeys} gives for each app (the appid itself
 * when the app is configured by its AppKey).
 *
 * <ul>
 * <li>Login: {@link BaiduClient}'s jscode2sessionkey, errors mapped by {@link BaiduErrors}. Baidu gives
 *     an openid and a session_key, and no unionid (its getunionid needs an access token and is not
 *     called): a Baidu user is one identity per app until linked.</li>
 * <li>Open data and the phone button: {@link BaiduOpenData} (AES-192-CBC, the AppKey trailer checked).
 *     The phone button gives {@code encryptedData} and {@code iv} only, so the code form of
 *     {@code POST /v1/me/phone} is {@code unsupported}.</li>
 * </ul>
 * Refusals are logged here, once, by errno and error word, never with the code or a secret.
 */
public final class BaiduPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(BaiduPlatform.class);

    private final BaiduClient client;
    private final Function<App, String> appKeys;

    /** @param appKeys each Baidu app's AppKey */
    public BaiduPlatform(BaiduClient client, Function<App, String> appKeys) {
        this.client = client;
        this.appKeys = appKeys;
    }

    /** Baidu's circuit (jscode2sessionkey), for metrics. */
    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(client.circuits());
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    /** No thread waits for Baidu: the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return Futures.translatingFailure(
                client.jscode2SessionKeyAsync(appKeys.apply(app), app.secret(), code),
                failure -> refusal(app, failure));
    }

    private static Throwable refusal(App app, Throwable failure) {
        if (failure instanceof BaiduError e) {
            if (BaiduErrors.isMisconfiguration(e)) {
                log.error(
                        "Baidu refused the login request of app {}: errno {} ({}) {}. Check the app's AppKey"
                                + " (client_id) and AppSecret (sk) against Baidu's console",
                        app.appId(),
                        e.errno(),
                        e.error(),
                        e.description());
            } else {
                log.info("Login refused by Baidu: errno {} ({}) (app={})", e.errno(), e.error(), app.appId());
            }
            return BaiduErrors.toClientError(e);
        }
        if (failure instanceof BaiduUnavailable e) {
            log.warn("Baidu login failed: {} (app={})", e.getMessage(), app.appId());
            return BaiduErrors.toClientError(e);
        }
        return failure;
    }

    /** Baidu's phone button gives encryptedData and iv, never a code: {@code unsupported}, Baidu not asked. */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        throw BaiduErrors.noPhoneCode();
    }

    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return true;
    }

    /** Baidu's getPhoneNumber data names the number {@code mobile}: a mainland number, no country code. */
    @Override
    public Optional<PlatformPhone> phoneInOpenData(App app, JsonNode data) {
        String mobile = PlatformJson.textOrNumber(data, "mobile");
        return PlatformPhone.inOpenData(mobile, mobile, "86");
    }

    @Override
    public OpenDataFormat openDataFormat(App app) {
        return new BaiduOpenData(appKeys.apply(app));
    }

    /**
     * Data that opened in Baidu's format ({@link #openDataFormat}) ended with this app's AppKey: that is
     * Baidu's app check, and its data carries no watermark.
     */
    @Override
    public boolean openDataBelongs(App app, String openid, JsonNode data) {
        return true;
    }
}
