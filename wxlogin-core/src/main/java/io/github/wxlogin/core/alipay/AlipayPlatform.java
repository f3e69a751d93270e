package io.github.wxlogin.core.alipay;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay behind the {@link PlatformClient} port: {@link AlipayClient} for the code exchange, the app's
 * keys from {@link AlipayApps}, {@link AlipayErrors} for the contract's codes, {@link AlipayPhone} for
 * {@code my.getPhoneNumber}'s answer. Alipay has no session key and no unionid: a login gives the user's
 * id in the app only ({@link AlipayIdMode}), and open data and phone codes are {@code unsupported}.
 * What Alipay refused is logged here, once, by code and sub_code (an operator alert when it is this
 * service's configuration), never with the code, a key or a token.
 */
public final class AlipayPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(AlipayPlatform.class);

    private final AlipayClient client;
    private final AlipayApps apps;

    public AlipayPlatform(AlipayClient client, AlipayApps apps) {
        this.client = client;
        this.apps = apps;
    }

    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(client.circuits());
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    /** No thread waits for Alipay: the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        AlipayApp keys = keys(app);
        CompletableFuture<PlatformSession> out = new CompletableFuture<>();
        client.oauthTokenAsync(keys, code).whenComplete(Futures.inCallersContext((user, failure) -> {
            if (failure != null) {
                out.completeExceptionally(loginRefusal(app, Futures.unwrap(failure)));
                return;
            }
            try {
                out.complete(PlatformSession.withoutSessionKey(idOf(keys, user), Optional.empty()));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        }));
        return out;
    }

    /** The id the app's mode takes from the answer; an answer without it is this app's misconfiguration. */
    private static String idOf(AlipayApp app, AlipayClient.AlipayUser user) {
        Optional<String> id = switch (app.idMode()) {
            case USER_ID -> user.userId();
            case OPEN_ID -> user.openId();
            case AUTO -> user.openId().or(user::userId);
        };
        if (id.isPresent()) {
            return id.get();
        }
        String missing = app.idMode() == AlipayIdMode.OPEN_ID ? "open_id" : "user_id";
        log.error(
                "Alipay's answer for app {} has no {}: the app's id mode in Alipay's console (openid配置管理) and"
                        + " wxlogin.alipay.apps[…].mode ({}) disagree",
                app.appId(),
                missing,
                app.idMode().name().toLowerCase(java.util.Locale.ROOT));
        throw new PlatformException(
                ErrorCode.UPSTREAM_UNAVAILABLE,
                "Alipay's answer lacks the user id this service expects; the operator must check the app's id mode",
                AlipayErrors.MISCONFIGURED_RETRY,
                true,
                null);
    }

    private static Throwable loginRefusal(App app, Throwable failure) {
        if (failure instanceof AlipayUnavailable e) {
            if (e.untrusted()) {
                log.error(
                        "Alipay's answer for app {} was refused: {}. Check wxlogin.alipay.apps[…].alipay-public-key against"
                                + " the app's 支付宝公钥 in Alipay's console; if it matches, the answer was tampered with",
                        app.appId(),
                        e.getMessage());
            } else {
                log.warn("Login failed: {} (app={})", e.getMessage(), app.appId());
            }
            return AlipayErrors.toClientError(e);
        }
        if (failure instanceof AlipayError e) {
            if (AlipayErrors.isMisconfiguration(e)) {
                log.error(
                        "Alipay refused the request of app {}: code {} ({}), sub_code {} ({}). Check the app's keys:"
                                + " the 应用公钥 uploaded to Alipay must match wxlogin.alipay.apps[…].private-key",
                        app.appId(),
                        e.code(),
                        e.msg(),
                        e.subCode(),
                        e.subMsg());
            } else {
                log.info("Login refused by Alipay: code {}, sub_code {} (app={})", e.code(), e.subCode(), app.appId());
            }
            return AlipayErrors.toClientError(e);
        }
        return failure;
    }

    /** Alipay's phone number comes as {@code my.getPhoneNumber}'s signed answer, never as a code. */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        throw new PlatformException(
                ErrorCode.UNSUPPORTED,
                "Alipay apps bind a phone number with my.getPhoneNumber's {response, sign}, not with a code",
                null,
                false,
                null);
    }

    @Override
    public PlatformPhone phoneFromSignedResponse(App app, String response, String sign) {
        return AlipayPhone.open(keys(app), response, sign);
    }

    /** Alipay's phone button gives no encryptedData and iv (and it has no session key to open them with). */
    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return false;
    }

    private AlipayApp keys(App app) {
        // The configuration checks at start that every Alipay app has its keys.
        return apps.find(app.appId())
                .orElseThrow(() -> new IllegalStateException("no Alipay keys for app " + app.appId()));
    }
}
