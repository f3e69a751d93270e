package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
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
}
