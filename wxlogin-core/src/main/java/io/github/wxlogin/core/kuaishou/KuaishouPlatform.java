package io.github.wxlogin.core.kuaishou;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.opendata.OpenDataOwner;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Kuaishou mini programs behind the {@link PlatformClient} port: {@code ks.login()}'s code through
 * code2Session ({@link KuaishouClient}), Kuaishou's {@code result} codes turned into the contract's by
 * {@link KuaishouErrors}. Kuaishou gives a mini program an open_id and no unionid.
 *
 * <p>Open data is WeChat's cipher under Kuaishou's session_key (AES-128-CBC, key = base64-decoded
 * session_key, PKCS#5/7; {@code signature = sha1(rawData + session_key)}:
 * https://mp.kuaishou.com/docs/develop/server/userInfo/userEncryptedData.html), so
 * {@code POST /v1/me/decrypt} needs nothing of Kuaishou's own but the per-app check: Kuaishou's
 * decrypted data carries no {@code watermark} (its user-info sample is {@code gender, avatarUrl,
 * nickName, openId}: https://open.kuaishou.com/docs/develop/api-next/open/user-info/ks.getUserInfo.html),
 * so what ties it to the app is the session_key it opened under, which Kuaishou gave for this user in
 * this app ({@link #openDataBelongs}).
 *
 * <p>Kuaishou's getPhoneNumber button gives {@code encryptedData} and {@code iv} only, to be decrypted
 * with the session_key (https://mp.kuaishou.com/docs/develop/functionAccessGuide/getUserPhoneNumber.html):
 * no code, so {@code POST /v1/me/phone {"code"}} is {@code unsupported}. Refusals are logged here, once,
 * by result code, never with the form, the code or a key.
 */
public final class KuaishouPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(KuaishouPlatform.class);

    private final KuaishouClient client;

    public KuaishouPlatform(KuaishouClient client) {
        this.client = client;
    }

    /** Kuaishou's server at {@code baseUrl} (asked on each call), under the given timeouts, retries and its own circuit. */
    public static KuaishouPlatform at(
            Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        return new KuaishouPlatform(new KuaishouClient(baseUrl, settings, clock, pause));
    }

    /** No thread waits for Kuaishou: the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return Futures.translatingFailure(client.code2SessionAsync(app, code), failure -> refusal(app, failure));
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    private static Throwable refusal(App app, Throwable failure) {
        if (failure instanceof KuaishouError e) {
            if (KuaishouErrors.isMisconfiguration(e) || KuaishouErrors.isUndocumented(e)) {
                log.error(
                        "Kuaishou refused the login request of app {}: result {} {}",
                        app.appId(),
                        e.result(),
                        e.errorMsg());
            } else {
                log.info("Login refused by Kuaishou: result {} (app={})", e.result(), app.appId());
            }
            return KuaishouErrors.toClientError(e);
        }
        if (failure instanceof KuaishouUnavailable e) {
            log.warn("Kuaishou login failed: {} (app={})", e.getMessage(), app.appId());
            return KuaishouErrors.toClientError(e);
        }
        return failure;
    }

    /** Kuaishou's phone button gives no code: {@code unsupported}, and Kuaishou is not asked. */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        throw KuaishouErrors.noPhoneCode();
    }

    /** The button's encryptedData and iv, under the user's session_key: Kuaishou's one phone form. */
    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return true;
    }

    /**
     * Kuaishou's phone data has {@code phoneNumber} and {@code countryCode} only: the number is its own pure
     * form (and must then be digits alone).
     */
    @Override
    public Optional<PlatformPhone> phoneInOpenData(App app, JsonNode data) {
        String phone = PlatformJson.textOrNumber(data, "phoneNumber");
        String pure = PlatformJson.textOrNumber(data, "purePhoneNumber");
        return PlatformPhone.inOpenData(
                phone, pure != null ? pure : phone, PlatformJson.textOrNumber(data, "countryCode"));
    }

    /**
     * Kuaishou's data has no watermark: it is the app's when it opened under the session_key Kuaishou gave
     * this user in this app. Should it carry a watermark or an {@code openId} after all, they must name
     * this app and this user.
     */
    @Override
    public boolean openDataBelongs(App app, String openid, JsonNode data) {
        if (data.has("watermark") && !OpenDataOwner.watermarkNames(data, app.appId())) {
            return false;
        }
        JsonNode openId = data.get("openId");
        return openId == null || openId.isString() && openId.asString().equals(openid);
    }

    /** Kuaishou's own circuit, for metrics (tagged {@code platform=kuaishou}). */
    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(client.circuits());
    }
}
