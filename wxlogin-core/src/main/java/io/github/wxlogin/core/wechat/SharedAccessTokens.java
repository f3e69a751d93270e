package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.app.App;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of per-app platform token (WeChat's access token, Douyin's client token, a WeCom corp app's
 * access token), the way {@link AccessTokens} has always kept WeChat's: cached in an
 * {@link AccessTokenStore} (Redis in a fleet, so every instance shares one token and one fetch), renewed
 * {@code renewAhead} of its expiry, fetched by one holder of the store's per-app lock and checked again
 * once the lock is held. When the platform refuses a call's token ({@code refused}), the token is
 * renewed once, only if it is still the current one (another caller may have renewed it already), and
 * the call is tried once more. Token values appear in no log line.
 */
public final class SharedAccessTokens {

    private static final Logger log = LoggerFactory.getLogger(SharedAccessTokens.class);
    /**
     * Where a renewal after a refusal runs for {@link #callAsync}: it may wait for the fleet's lock and
     * for the platform, which must hold neither the HTTP client's threads nor the JDK's delay scheduler.
     * Daemon threads, made when needed and gone after a minute idle.
     */
    private static final Executor RENEWALS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "access-token-renewal");
        t.setDaemon(true);
        return t;
    });

    /** Where the platform hands out a token. */
    public interface Source {

        /** A token for the app, from the platform. */
        WeChatAccessToken fetch(App app);

        /** A new token after the platform refused {@code refused}: by default just another fetch. */
        default WeChatAccessToken fetchInstead(App app, String refused) {
            return fetch(app);
        }

        /** How the fetch is named in the log line that tells of it, e.g. "cgi-bin/gettoken". */
        String describe(boolean afterRefusal);

        /** A source that fetches the same way after a refusal, named {@code api} in log lines. */
        static Source of(String api, Function<App, WeChatAccessToken> fetch) {
            return new Source() {
                @Override
                public WeChatAccessToken fetch(App app) {
                    return fetch.apply(app);
                }

                @Override
                public String describe(boolean afterRefusal) {
                    return api;
                }
            };
        }
    }

    private final String name;
    private final Source source;
    private final Predicate<RuntimeException> refused;
    private final AccessTokenStore store;
    private final Duration renewAhead;
    private final Clock clock;
    /**
     * Per app, a token the platform handed back although it was already within {@code renewAhead} of
     * its expiry (WeCom's gettoken answers the live token until it expires): used as it is until then,
     * rather than fetched again on every call of the window.
     */
    private final Map<String, String> handedBackLate = new ConcurrentHashMap<>();

    /**
     * @param name the token in log lines: "WeChat access token", "WeCom access token", …
     * @param refused whether a call's failure says its token is invalid or expired
     */
    public SharedAccessTokens(
            String name,
            Source source,
            Predicate<RuntimeException> refused,
            AccessTokenStore store,
            Duration renewAhead,
            Clock clock) {
        this.name = name;
        this.source = source;
        this.refused = refused;
        this.store = store;
        this.renewAhead = renewAhead;
        this.clock = clock;
    }

    /** The app's current token, fetched when there is none or it is about to expire. */
    public String current(App app) {
        Optional<WeChatAccessToken> cached = fresh(app);
        if (cached.isPresent()) {
            return cached.get().value();
        }
        return store.withLock(app.appId(), () -> fresh(app).orElseGet(() -> fetch(app, null)))
                .value();
    }

    /** Runs a call with the app's token; a refused token is renewed once and the call tried once more. */
    public <T> T call(App app, Function<String, T> apiCall) {
        String token = current(app);
        try {
            return apiCall.apply(token);
        } catch (RuntimeException e) {
            if (!refused.test(e)) {
                throw e;
            }
            log.info("The platform refused the {} of app {} ({}); renewing once", name, app.appId(), reason(e));
            return apiCall.apply(renew(app, token));
        }
    }

    /**
     * {@link #call} for a call that answers a future: a fresh cached token is used at once; fetching one
     * (under the shared lock, with the platform's retries) and renewing a refused one run on the renewal
     * threads, so the caller's thread never waits for the platform.
     */
    public <T> CompletableFuture<T> callAsync(App app, Function<String, CompletableFuture<T>> apiCall) {
        Optional<WeChatAccessToken> cached;
        try {
            cached = fresh(app);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<String> token = cached.isPresent()
                ? CompletableFuture.completedFuture(cached.get().value())
                : CompletableFuture.supplyAsync(() -> current(app), RENEWALS);
        return token.thenCompose(t -> withRenewal(app, t, apiCall));
    }

    private <T> CompletableFuture<T> withRenewal(
            App app, String token, Function<String, CompletableFuture<T>> apiCall) {
        return apiCall.apply(token).exceptionallyCompose(failure -> {
            Throwable cause = io.github.wxlogin.core.support.Futures.unwrap(failure);
            if (!(cause instanceof RuntimeException e) || !refused.test(e)) {
                return CompletableFuture.failedFuture(cause);
            }
            log.info("The platform refused the {} of app {} ({}); renewing once", name, app.appId(), reason(e));
            return CompletableFuture.supplyAsync(() -> renew(app, token), RENEWALS)
                    .thenCompose(apiCall);
        });
    }

    private String renew(App app, String failed) {
        return store.withLock(app.appId(), () -> {
                    Optional<WeChatAccessToken> now = store.get(app.appId());
                    if (now.isPresent() && !now.get().value().equals(failed)) {
                        return now.get(); // someone renewed it meanwhile
                    }
                    return fetch(app, failed);
                })
                .value();
    }

    private WeChatAccessToken fetch(App app, String refusedToken) {
        WeChatAccessToken token = refusedToken == null ? source.fetch(app) : source.fetchInstead(app, refusedToken);
        store.put(app.appId(), token);
        if (clock.instant().plus(renewAhead).isBefore(token.expiresAt())) {
            handedBackLate.remove(app.appId());
        } else {
            handedBackLate.put(app.appId(), token.value());
        }
        log.info(
                "Fetched a {} for app {} ({}), expires {}",
                name,
                app.appId(),
                source.describe(refusedToken != null),
                token.expiresAt());
        return token;
    }

    private Optional<WeChatAccessToken> fresh(App app) {
        return store.get(app.appId())
                .filter(t -> clock.instant().plus(renewAhead).isBefore(t.expiresAt())
                        || (t.value().equals(handedBackLate.get(app.appId()))
                                && clock.instant().isBefore(t.expiresAt())));
    }

    private static String reason(RuntimeException e) {
        return e instanceof WeChatError w
                ? "errcode " + w.errcode()
                : e.getClass().getSimpleName();
    }
}
