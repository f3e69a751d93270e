package io.github.wxlogin.core.douyin;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Douyin behind the {@link PlatformClient} port: {@code tt.login()}'s code and anonymous code through
 * code2Session v2 ({@link DouyinClient}), the phone button's code through get_phonenumber_info with the
 * app's client token ({@link DouyinClientTokens}) and its private key ({@link DouyinPhoneKeys}), and
 * {@link DouyinErrors} to turn Douyin's answers into the contract's codes. Open data, and the phone
 * button's older {@code encryptedData}+{@code iv}, are WeChat's algorithm under Douyin's session_key and
 * need nothing here. What Douyin refused is logged here, once, by its code, never with a secret, a
 * code, a token or a key.
 */
public final class DouyinPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(DouyinPlatform.class);

    private final DouyinClient client;
    private final DouyinClientTokens tokens;
    private final DouyinPhoneKeys keys;

    public DouyinPlatform(DouyinClient client, DouyinClientTokens tokens, DouyinPhoneKeys keys) {
        this.client = client;
        this.tokens = tokens;
        this.keys = keys;
    }

    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(client.circuits());
    }

    @Override
    public boolean takesAnonymousCodes(App app) {
        return true;
    }

    @Override
    public CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes codes) {
        return Futures.translatingFailure(
                client.code2SessionAsync(app, codes), failure -> refusal("Login", app, failure));
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return exchangeAsync(app, LoginCodes.of(code))
                .thenApply(login -> login.session().orElseThrow());
    }

    /**
     * Douyin takes no openid with the phone code, so it cannot check that the code is the caller's own
     * (WeChat can); the watermark's appid is checked by the caller.
     */
    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        PrivateKey key = keys.of(app)
                .orElseThrow(() -> new PlatformException(
                        ErrorCode.UNSUPPORTED,
                        "this service has no private key for Douyin app " + app.appId()
                                + "'s phone codes; send the button's encryptedData and iv instead",
                        null,
                        false,
                        null));
        String data;
        try {
            data = tokens.call(app, token -> client.phoneNumberData(token, code));
        } catch (RuntimeException e) {
            throw refusal("Phone binding", app, e);
        }
        try {
            return DouyinPhoneCipher.phone(DouyinPhoneCipher.decrypt(key, data));
        } catch (IllegalArgumentException e) {
            log.error(
                    "Douyin's phone data for app {} does not open with its configured private key ({}): the key pair"
                            + " uploaded in the Douyin console and wxlogin.douyin.apps.{}.private-key must match",
                    app.appId(),
                    e.getMessage(),
                    app.appId());
            throw new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "the phone number could not be read; the operator must check this service's Douyin key",
                    DouyinErrors.MISCONFIGURED_RETRY,
                    true,
                    null);
        }
    }

    private static Throwable refusal(String what, App app, Throwable failure) {
        if (failure instanceof DouyinUnavailable e) {
            log.warn("{} failed: {} (app={})", what, e.getMessage(), app.appId());
            return DouyinErrors.toClientError(e);
        }
        if (failure instanceof DouyinError e) {
            if (DouyinErrors.isMisconfiguration(e)) {
                log.error("Douyin refused the credentials of app {}: err_no {} {}", app.appId(), e.errNo(), e.tips());
            } else {
                log.info("{} refused by Douyin: err_no {} (app={})", what, e.errNo(), app.appId());
            }
            return DouyinErrors.toClientError(e);
        }
        return failure;
    }

    private static RuntimeException refusal(String what, App app, RuntimeException failure) {
        Throwable t = refusal(what, app, (Throwable) failure);
        return t instanceof RuntimeException r ? r : failure;
    }
}
