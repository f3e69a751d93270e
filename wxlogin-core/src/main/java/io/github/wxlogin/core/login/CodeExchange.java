package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login code traded with the platform, at most once: the app's allowance is asked first (a refused
 * login keeps its code), then the code is claimed in the {@link CodeLedger} so it reaches the platform
 * once however often and however concurrently it is sent, and it is given back when the platform did
 * not take the request in, so the client's retry of the same code works.
 */
public final class CodeExchange {

    private static final Logger log = LoggerFactory.getLogger(CodeExchange.class);

    private final AppThrottle throttle;
    private final CodeLedger codes;
    private final PlatformClient platform;

    public CodeExchange(AppThrottle throttle, CodeLedger codes, PlatformClient platform) {
        this.throttle = throttle;
        this.codes = codes;
        this.platform = platform;
    }

    public PlatformSession exchange(App app, String code) {
        return Futures.join(exchangeAsync(app, code));
    }

    /**
     * {@link #exchange} without waiting for the platform: the allowance and the claim are asked on the
     * caller's thread (they are quick), the platform's answer comes later. Never throws: every refusal
     * is the future's failure, the same exception {@link #exchange} throws.
     */
    public CompletableFuture<PlatformSession> exchangeAsync(App app, String code) {
        try {
            throttle.admit(app.appId());
            if (!codes.claim(app.appId(), code)) {
                log.info("Login refused: code already used, app={}", app.appId());
                throw new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<PlatformSession> out = new CompletableFuture<>();
        Futures.capture(() -> platform.exchangeCodeAsync(app, code)).whenComplete((session, failure) -> {
            if (failure == null) {
                out.complete(session);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            if (cause instanceof PlatformException e && !e.heard()) {
                try {
                    codes.release(app.appId(), code);
                } catch (RuntimeException releaseFailed) {
                    // As the synchronous exchange always did: the store's failure is the answer.
                    cause = releaseFailed;
                }
            }
            out.completeExceptionally(cause);
        });
        return out;
    }
    /**
     * {@link #exchangeAsync(App, String)} for whatever the client's login gave: the login code, an
     * anonymous code (Douyin's guests), or both. Each is claimed once, in the same ledger (an anonymous
     * code under its own key): a repeat of either is {@code code_used} and nothing else of the request is
     * spent. An anonymous code for an app whose platform has none is {@code unsupported}, before anything
     * is claimed. When the platform did not take the request in, every code claimed here is given back.
     */
    public CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes given) {
        List<String> claimed = new ArrayList<>(2);
        try {
            if (given.anonymousCode().isPresent() && !platform.takesAnonymousCodes(app)) {
                throw new WxLoginException(
                        ErrorCode.UNSUPPORTED,
                        "app " + app.appId() + " is a " + app.platform().id()
                                + " app: only Douyin apps take an anonymousCode");
            }
            throttle.admit(app.appId());
            given.code().ifPresent(claimed::add);
            given.anonymousCode().map(CodeExchange::anonymousKey).ifPresent(claimed::add);
            for (int i = 0; i < claimed.size(); i++) {
                if (!codes.claim(app.appId(), claimed.get(i))) {
                    release(app, claimed.subList(0, i));
                    log.info("Login refused: code already used, app={}", app.appId());
                    throw new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged");
                }
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<PlatformLogin> out = new CompletableFuture<>();
        Futures.capture(() -> platform.exchangeAsync(app, given)).whenComplete((login, failure) -> {
            if (failure == null) {
                out.complete(login);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            if (cause instanceof PlatformException e && !e.heard()) {
                try {
                    release(app, claimed);
                } catch (RuntimeException releaseFailed) {
                    cause = releaseFailed;
                }
            }
            out.completeExceptionally(cause);
        });
        return out;
    }

    /** An anonymous code's key in the ledger: never the key of a login code of the same text. */
    private static String anonymousKey(String anonymousCode) {
        return "anonymous:" + anonymousCode;
    }

    private void release(App app, List<String> claimed) {
        for (String code : claimed) {
            codes.release(app.appId(), code);
        }
    }
}
