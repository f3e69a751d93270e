package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.app.App;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    /** stable_token hands out a new token only in the last 5 minutes of the old one. */
    static final Duration STABLE_EARLY_RENEWAL = Duration.ofMinutes(5);

    private final WeChatClient client;
    private final Mode mode;
    private final SharedTokens shared;

    public AccessTokens(WeChatClient client, AccessTokenStore store, Mode mode, Duration renewAhead, Clock clock) {
        this.client = client;
        this.mode = mode;
        // Renewing a stable token earlier than WeChat would just get the same token back, every call.
        this.shared = new SharedTokens(
                store,
                mode == Mode.STABLE && renewAhead.compareTo(STABLE_EARLY_RENEWAL) > 0
                        ? STABLE_EARLY_RENEWAL
                        : renewAhead,
                clock);
    }

    /** The app's current token, fetched when there is none or it is about to expire. */
    public String current(App app) {
        return shared.current(app.appId(), () -> fetch(app, false));
    }

    /**
     * Runs a WeChat call with the app's token; when WeChat says the token is invalid (40001),
     * expired (42001) or not this app's (40014), renews it once and retries the call once.
     */
    public <T> T call(App app, Function<String, T> apiCall) {
        String token = current(app);
        try {
            return apiCall.apply(token);
        } catch (WeChatError e) {
            if (!isTokenRefused(e)) {
                throw e;
            }
            log.info("WeChat refused the access token of app {} (errcode {}); renewing once", app.appId(), e.errcode());
            return apiCall.apply(renew(app, token));
        }
    }

    private String renew(App app, String failed) {
        return shared.renew(app.appId(), failed, () -> {
            WeChatAccessToken next = fetch(app, false);
            if (mode == Mode.STABLE && next.value().equals(failed)) {
                // WeChat still hands out the token it just refused: ask for a new one outright.
                next = fetch(app, true);
            }
            return next;
        });
    }

    private WeChatAccessToken fetch(App app, boolean force) {
        WeChatAccessToken token = mode == Mode.STABLE ? client.stableAccessToken(app, force) : client.accessToken(app);
        log.info(
                "Fetched a WeChat access token for app {} ({}), expires {}",
                app.appId(),
                mode == Mode.STABLE ? (force ? "stable_token, forced" : "stable_token") : "cgi-bin/token",
                token.expiresAt());
        return token;
    }

    static boolean isTokenRefused(WeChatError e) {
        return e.errcode() == 40001 || e.errcode() == 42001 || e.errcode() == 40014;
    }
}
