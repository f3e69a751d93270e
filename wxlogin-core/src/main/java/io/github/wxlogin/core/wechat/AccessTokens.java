package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.app.App;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The WeChat access token of each app, for the APIs that need one (code2Session does not). Cached
 * and renewed ahead of expiry; concurrent callers share one fetch, under the store's per-app lock,
 * checked again once the lock is held. When a call answers that its token is invalid or expired,
 * the token is renewed once, and only if it is still the current one (another caller may have
 * renewed it already), and the call is retried once.
 *
 * <p>{@link Mode#STABLE} ({@code cgi-bin/stable_token}, the default) never invalidates the token
 * other holders use; {@link Mode#CLIENT_CREDENTIAL} ({@code cgi-bin/token}) does, which is why
 * several instances must share one token through the store. Token values appear in no log line.
 */
public final class AccessTokens {

    /** How a token is obtained. */
    public enum Mode {
        STABLE,
        CLIENT_CREDENTIAL
    }

    /** stable_token hands out a new token only in the last 5 minutes of the old one. */
    static final Duration STABLE_EARLY_RENEWAL = Duration.ofMinutes(5);

    private final SharedAccessTokens tokens;

    public AccessTokens(WeChatClient client, AccessTokenStore store, Mode mode, Duration renewAhead, Clock clock) {
        // Renewing a stable token earlier than WeChat would just get the same token back, every call.
        Duration ahead = mode == Mode.STABLE && renewAhead.compareTo(STABLE_EARLY_RENEWAL) > 0
                ? STABLE_EARLY_RENEWAL
                : renewAhead;
        this.tokens = new SharedAccessTokens(
                "WeChat access token",
                new Fetching(client, mode),
                e -> e instanceof WeChatError w && isTokenRefused(w),
                store,
                ahead,
                clock);
    }

    /** The app's current token, fetched when there is none or it is about to expire. */
    public String current(App app) {
        return tokens.current(app);
    }

    /**
     * Runs a WeChat call with the app's token; when WeChat says the token is invalid (40001),
     * expired (42001) or not this app's (40014), renews it once and retries the call once.
     */
    public <T> T call(App app, Function<String, T> apiCall) {
        return tokens.call(app, apiCall);
    }

    /** WeChat's two ways to a token. */
    private record Fetching(WeChatClient client, Mode mode) implements SharedAccessTokens.Source {

        @Override
        public WeChatAccessToken fetch(App app) {
            return mode == Mode.STABLE ? client.stableAccessToken(app, false) : client.accessToken(app);
        }

        @Override
        public WeChatAccessToken fetchInstead(App app, String refused) {
            WeChatAccessToken next = fetch(app);
            if (mode == Mode.STABLE && next.value().equals(refused)) {
                // WeChat still hands out the token it just refused: ask for a new one outright.
                next = client.stableAccessToken(app, true);
            }
            return next;
        }

        @Override
        public String describe(boolean afterRefusal) {
            if (mode != Mode.STABLE) {
                return "cgi-bin/token";
            }
            return afterRefusal ? "stable_token, forced if the refused token came back" : "stable_token";
        }
    }

    static boolean isTokenRefused(WeChatError e) {
        return e.errcode() == 40001 || e.errcode() == 42001 || e.errcode() == 40014;
    }
}
