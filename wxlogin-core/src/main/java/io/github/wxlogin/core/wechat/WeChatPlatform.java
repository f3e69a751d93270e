package io.github.wxlogin.core.wechat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.crypto.Signatures;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformEncryptKey;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat behind the {@link PlatformClient} port: the HTTP {@link WeChatClient} for the calls, the
 * {@link AccessTokens} for those that need the app's access token, and {@link WeChatErrors} to turn
 * WeChat's answers into the contract's codes. What WeChat refused is logged here, once, by errcode
 * (an operator alert when it is the service's own credentials), never with the query or a key.
 */
public final class WeChatPlatform implements PlatformClient {

    private static final Logger log = LoggerFactory.getLogger(WeChatPlatform.class);
    /** checkSessionKey's answer when the signature was not made with the session_key WeChat holds. */
    private static final int SESSION_KEY_INVALID = 87009;

    private final WeChatClient client;
    private final AccessTokens tokens;

    public WeChatPlatform(WeChatClient client, AccessTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    @Override
    public Optional<CircuitBreakerRegistry> circuits() {
        return Optional.of(client.circuits());
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return Futures.join(exchangeCodeAsync(app, code));
    }

    /** No thread waits for WeChat: the future fails with the {@link PlatformException} the client is answered. */
    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return Futures.translatingFailure(client.code2SessionAsync(app, code), failure -> loginRefusal(app, failure));
    }

    private static Throwable loginRefusal(App app, Throwable failure) {
        if (failure instanceof WeChatUnavailable e) {
            log.warn("Login failed: {} (app={})", e.getMessage(), app.appId());
            return WeChatErrors.toClientError(e);
        }
        if (failure instanceof WeChatError e) {
            if (WeChatErrors.isMisconfiguration(e)) {
                log.error(
                        "WeChat refused the credentials of app {}: errcode {} {}",
                        app.appId(),
                        e.errcode(),
                        e.errmsg());
            } else {
                log.info("Login refused by WeChat: errcode {} (app={})", e.errcode(), app.appId());
            }
            return WeChatErrors.toClientError(e);
        }
        return failure;
    }

    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        try {
            return tokens.call(app, token -> client.phoneNumber(token, openid, code));
        } catch (WeChatError e) {
            if (WeChatErrors.isPhoneQuotaSpent(e)) {
                log.error(
                        "WeChat's phone-number quota of app {} is spent (errcode {}): buy more in the mini program's admin console",
                        app.appId(),
                        e.errcode());
            } else {
                log.info("Phone code refused by WeChat: errcode {} (app={})", e.errcode(), app.appId());
            }
            throw WeChatErrors.toClientError(e);
        } catch (WeChatUnavailable e) {
            log.warn("Phone binding failed: {} (app={})", e.getMessage(), app.appId());
            throw WeChatErrors.toClientError(e);
        }
    }

    /** WeChat's checksession. */
    @Override
    public boolean checksSessionKeys(App app) {
        return true;
    }

    @Override
    public boolean sessionKeyValid(App app, String openid, String sessionKey) {
        String signature = Signatures.loginStateSignature(sessionKey, "");
        try {
            tokens.call(app, token -> {
                client.checkSession(token, openid, signature);
                return null;
            });
            return true;
        } catch (WeChatError e) {
            if (e.errcode() == SESSION_KEY_INVALID) {
                return false;
            }
            log.info("Session key check refused by WeChat: errcode {} (app={})", e.errcode(), app.appId());
            throw WeChatErrors.toClientError(e);
        } catch (WeChatUnavailable e) {
            log.warn("Session key check failed: {} (app={})", e.getMessage(), app.appId());
            throw WeChatErrors.toClientError(e);
        }
    }

    /** {@code resetusersessionkey}: the new key; 87009 (WeChat no longer holds {@code sessionKey}) is stale. */
    @Override
    public String resetSessionKey(App app, String openid, String sessionKey) {
        return loginStateCall(
                "Session key reset",
                app,
                sessionKey,
                (token, signature) -> client.resetUserSessionKey(token, openid, signature));
    }

    /** {@code getuserencryptkey}: the last three keys, newest first; 87009 is stale. */
    @Override
    public List<PlatformEncryptKey> userEncryptKeys(App app, String openid, String sessionKey) {
        return loginStateCall(
                "Encrypt key fetch",
                app,
                sessionKey,
                (token, signature) -> client.userEncryptKeys(token, openid, signature));
    }

    /** A call signed with the session_key: 87009 becomes {@code session_key_stale}, the rest as any call. */
    private <T> T loginStateCall(String what, App app, String sessionKey, BiFunction<String, String, T> call) {
        String signature = Signatures.loginStateSignature(sessionKey, "");
        try {
            return tokens.call(app, token -> call.apply(token, signature));
        } catch (WeChatError e) {
            if (e.errcode() == SESSION_KEY_INVALID) {
                log.info("{} refused by WeChat: the session_key is no longer valid (app={})", what, app.appId());
                throw new PlatformException(
                        ErrorCode.SESSION_KEY_STALE,
                        "WeChat no longer holds this user's session_key; the user must log in again (wx.login)",
                        null,
                        true,
                        e);
            }
            log.info("{} refused by WeChat: errcode {} (app={})", what, e.errcode(), app.appId());
            throw WeChatErrors.toClientError(e);
        } catch (WeChatUnavailable e) {
            log.warn("{} failed: {} (app={})", what, e.getMessage(), app.appId());
            throw WeChatErrors.toClientError(e);
        }
    }
}
