package io.github.wxlogin.core.component;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformEncryptKey;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatErrors;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * WeChat for a service provider: the apps that authorized a component (its authorizer apps) log in through
 * {@code sns/component/jscode2session} with the component's access token; every other WeChat app, and
 * everything after the exchange, is WeChat's own ({@code wechat}, to which the rest is handed).
 *
 * <p>A component app's phone code and session-key check are WeChat APIs that a service provider calls
 * with the app's authorizer_access_token (from the component, with the authorizer_refresh_token the app's
 * authorization gave), which this service does not hold: they are answered {@code unsupported}, and so are
 * the session-key reset and the encrypted network channel's key list, for the same reason. Open data
 * and the encryptedData form of the phone number work as for any app (the session_key opens them).
 */
public final class ComponentPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(ComponentPlatform.class);
    /** thirdpartyCode2Session: the app has not authorized the component. */
    static final int NOT_AUTHORIZED = 61003;

    static final Duration OPERATOR_RETRY = Duration.ofSeconds(60);

    private final PlatformClient wechat;
    private final Map<String, Component> byApp;
    private final WeChatClient client;
    private final ComponentTokens tokens;

    /**
     * @param wechat WeChat's own client, for the apps of no component
     * @param byApp the component of each authorizer app, by the app's appid
     */
    public ComponentPlatform(
            PlatformClient wechat, Map<String, Component> byApp, WeChatClient client, ComponentTokens tokens) {
        this.wechat = wechat;
        this.byApp = Map.copyOf(byApp);
        this.client = client;
        this.tokens = tokens;
    }

    private Optional<Component> component(App app) {
        return Optional.ofNullable(byApp.get(app.appId()));
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        Optional<Component> component = component(app);
        if (component.isEmpty()) {
            return wechat.exchangeCodeAsync(app, code);
        }
        Component c = component.get();
        return Futures.translatingFailure(
                tokens.callAsync(c, token -> client.componentCode2SessionAsync(app, c.appId(), token, code)),
                t -> ComponentTokens.isTokenFailure(t) ? tokenRefusal(c, t) : loginRefusal(app, c, t));
    }

    @Override
    public CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes codes) {
        if (component(app).isEmpty()) {
            return wechat.exchangeAsync(app, codes);
        }
        return PlatformClient.super.exchangeAsync(app, codes);
    }

    @Override
    public boolean takesAnonymousCodes(App app) {
        return wechat.takesAnonymousCodes(app);
    }

    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        if (component(app).isPresent()) {
            throw unsupported(app, "a phone code");
        }
        return wechat.phoneNumber(app, openid, code);
    }

    @Override
    public PlatformPhone phoneFromSignedResponse(App app, String response, String sign) {
        return wechat.phoneFromSignedResponse(app, response, sign);
    }

    /** An authorizer app has no session-key check here; another app has WeChat's. */
    @Override
    public boolean checksSessionKeys(App app) {
        return component(app).isEmpty() && wechat.checksSessionKeys(app);
    }

    @Override
    public boolean sessionKeyValid(App app, String openid, String sessionKey) {
        if (component(app).isPresent()) {
            throw unsupported(app, "a session-key check");
        }
        return wechat.sessionKeyValid(app, openid, sessionKey);
    }

    @Override
    public String resetSessionKey(App app, String openid, String sessionKey) {
        if (component(app).isPresent()) {
            throw unsupported(app, "a session-key reset");
        }
        return wechat.resetSessionKey(app, openid, sessionKey);
    }

    @Override
    public List<PlatformEncryptKey> userEncryptKeys(App app, String openid, String sessionKey) {
        if (component(app).isPresent()) {
            throw unsupported(app, "the user's encrypt keys");
        }
        return wechat.userEncryptKeys(app, openid, sessionKey);
    }

    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return wechat.offersEncryptedPhoneData(app);
    }

    @Override
    public Optional<PlatformPhone> phoneInOpenData(App app, JsonNode data) {
        return wechat.phoneInOpenData(app, data);
    }

    /** WeChat's circuits: the component paths are guarded by the same client's. */
    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return wechat.circuits();
    }

    /** The component each authorizer app logs in through, by appid. */
    public Map<String, Component> components() {
        return byApp;
    }

    private PlatformException unsupported(App app, String what) {
        return new PlatformException(
                ErrorCode.UNSUPPORTED,
                "app " + app.appId() + " logs in through a service provider's component; " + what
                        + " needs the app's authorizer_access_token, which this service does not hold",
                null,
                false,
                null);
    }

    /** The component's token could not be had: the code was never sent. */
    private static Throwable tokenRefusal(Component c, Throwable failure) {
        if (failure instanceof WeChatError e) {
            log.error(
                    "WeChat refused the component_access_token request of component {}: errcode {} {}"
                            + " (check the component's appsecret, and that tickets are being pushed)",
                    c.appId(),
                    e.errcode(),
                    e.errmsg());
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "WeChat refused the service provider's component credentials; the operator must check its"
                            + " configuration",
                    OPERATOR_RETRY,
                    false,
                    e);
        }
        if (failure instanceof WeChatUnavailable e) {
            log.error("The component_access_token of component {} could not be had: {}", c.appId(), e.getMessage());
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "the service provider's component token is not available; try again shortly",
                    e.retryAfter().orElse(OPERATOR_RETRY),
                    false,
                    e);
        }
        return failure;
    }

    private static Throwable loginRefusal(App app, Component c, Throwable failure) {
        if (failure instanceof WeChatError e && e.errcode() == NOT_AUTHORIZED) {
            log.error(
                    "App {} has not authorized component {} (WeChat errcode 61003): the app's administrator must"
                            + " authorize the service provider, or the app's component setting is wrong",
                    app.appId(),
                    c.appId());
            return new PlatformException(
                    ErrorCode.UPSTREAM_UNAVAILABLE,
                    "this app has not authorized the service provider's component (WeChat 61003); the operator"
                            + " must fix the authorization",
                    OPERATOR_RETRY,
                    true,
                    e);
        }
        if (failure instanceof WeChatError e) {
            if (WeChatErrors.isMisconfiguration(e)) {
                log.error(
                        "WeChat refused the component login of app {} through component {}: errcode {} {}",
                        app.appId(),
                        c.appId(),
                        e.errcode(),
                        e.errmsg());
            } else {
                log.info(
                        "Login refused by WeChat: errcode {} (app={}, component={})",
                        e.errcode(),
                        app.appId(),
                        c.appId());
            }
            return WeChatErrors.toClientError(e);
        }
        if (failure instanceof WeChatUnavailable e) {
            log.warn("Login failed: {} (app={}, component={})", e.getMessage(), app.appId(), c.appId());
            return WeChatErrors.toClientError(e);
        }
        return failure;
    }
}
