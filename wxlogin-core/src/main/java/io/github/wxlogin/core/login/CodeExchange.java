package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformSession;
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
        throttle.admit(app.appId());
        if (!codes.claim(app.appId(), code)) {
            log.info("Login refused: code already used, app={}", app.appId());
            throw new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged");
        }
        try {
            return platform.exchangeCode(app, code);
        } catch (PlatformException e) {
            if (!e.heard()) {
                codes.release(app.appId(), code);
            }
            throw e;
        }
    }
}
