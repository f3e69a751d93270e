package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client token of each Douyin app, for get_phonenumber_info. Fetching a new one retires the previous
 * one after 5 minutes (and only the latest two live), so every instance of a fleet shares one token
 * through the {@link AccessTokenStore} it shares for WeChat's (an appid is one app's, whatever its
 * platform), fetched by one holder of the store's per-app lock, renewed ahead of expiry. When Douyin
 * refuses the token (28001003 invalid, 28001008 expired), it is renewed once, unless another caller
 * renewed it meanwhile, and the call tried once more. Token values appear in no log line.
 */
public final class DouyinClientTokens {

    private static final Logger log = LoggerFactory.getLogger(DouyinClientTokens.class);

    private final DouyinClient client;
    private final AccessTokenStore store;
    private final Duration renewAhead;
    private final Clock clock;

    public DouyinClientTokens(DouyinClient client, AccessTokenStore store, Duration renewAhead, Clock clock) {
        this.client = client;
        this.store = store;
        this.renewAhead = renewAhead;
        this.clock = clock;
    }

    /** The app's current token, fetched when there is none or it is about to expire. */
    public String current(App app) {
        return fresh(app)
                .orElseGet(() -> store.withLock(app.appId(), () -> fresh(app).orElseGet(() -> fetch(app))))
                .value();
    }

    /** Runs a call with the app's token; a token Douyin refuses is renewed once and the call tried again. */
    public <T> T call(App app, Function<String, T> apiCall) {
        String token = current(app);
        try {
            return apiCall.apply(token);
        } catch (DouyinError e) {
            if (!DouyinErrors.isTokenRefused(e)) {
                throw e;
            }
            log.info("Douyin refused the client token of app {} (err_no {}); renewing once", app.appId(), e.errNo());
            return apiCall.apply(renew(app, token));
        }
    }

    private String renew(App app, String refused) {
        return store.withLock(app.appId(), () -> {
                    Optional<WeChatAccessToken> now = store.get(app.appId());
                    if (now.isPresent() && !now.get().value().equals(refused)) {
                        return now.get(); // renewed meanwhile
                    }
                    return fetch(app);
                })
                .value();
    }

    private WeChatAccessToken fetch(App app) {
        WeChatAccessToken token = client.clientToken(app);
        store.put(app.appId(), token);
        log.info("Fetched a Douyin client token for app {}, expires {}", app.appId(), token.expiresAt());
        return token;
    }

    private Optional<WeChatAccessToken> fresh(App app) {
        return store.get(app.appId())
                .filter(t -> clock.instant().plus(renewAhead).isBefore(t.expiresAt()));
    }
}
