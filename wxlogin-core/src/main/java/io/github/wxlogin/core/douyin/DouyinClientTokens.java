package io.github.wxlogin.core.douyin;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.SharedAccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The client token of each Douyin app, for get_phonenumber_info. Fetching a new one retires the previous
 * one after 5 minutes (and only the latest two live), so every instance of a fleet shares one token
 * through the {@link AccessTokenStore} it shares for WeChat's (an appid is one app's, whatever its
 * platform), fetched by one holder of the store's per-app lock, renewed ahead of expiry. When Douyin
 * refuses the token (28001003 invalid, 28001008 expired), it is renewed once, unless another caller
 * renewed it meanwhile, and the call tried once more ({@link SharedAccessTokens}, the machinery WeChat's
 * access token uses). Token values appear in no log line.
 */
public final class DouyinClientTokens {

    private final SharedAccessTokens tokens;

    public DouyinClientTokens(DouyinClient client, AccessTokenStore store, Duration renewAhead, Clock clock) {
        this.tokens = new SharedAccessTokens(
                "Douyin client token",
                SharedAccessTokens.Source.of("oauth/client_token", client::clientToken),
                e -> e instanceof DouyinError d && DouyinErrors.isTokenRefused(d),
                store,
                renewAhead,
                clock);
    }

    /** The app's current token, fetched when there is none or it is about to expire. */
    public String current(App app) {
        return tokens.current(app);
    }

    /** Runs a call with the app's token; a token Douyin refuses is renewed once and the call tried again. */
    public <T> T call(App app, Function<String, T> apiCall) {
        return tokens.call(app, apiCall);
    }
}
