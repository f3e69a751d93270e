package io.github.wxlogin.core.wechat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A token shared by every caller and, through the {@link AccessTokenStore}, by every instance of a fleet:
 * cached under a key, fetched when there is none or it is about to expire, by one holder of the store's
 * lock for that key (checked again once the lock is held); when the API refuses the token, it is renewed
 * once, unless another caller renewed it meanwhile, and the call is tried once more. What differs between
 * tokens (how one is fetched, which answers mean "refused") is given per call. {@link AccessTokens} keeps an
 * app's WeChat access token with it; a service provider's component_access_token is kept the same way.
 */
public final class SharedTokens {

    private final AccessTokenStore store;
    private final Duration renewAhead;
    private final Clock clock;

    public SharedTokens(AccessTokenStore store, Duration renewAhead, Clock clock) {
        this.store = store;
        this.renewAhead = renewAhead;
        this.clock = clock;
    }

    /** The current token under {@code key}, fetched (and stored) when there is none or it is about to expire. */
    public String current(String key, Supplier<WeChatAccessToken> fetch) {
        Optional<WeChatAccessToken> cached = fresh(key);
        if (cached.isPresent()) {
            return cached.get().value();
        }
        return store.withLock(key, () -> fresh(key).orElseGet(() -> fetchAndStore(key, fetch)))
                .value();
    }

    /**
     * Runs {@code apiCall} with the current token; when it fails in a way {@code refused} says is the
     * token's fault, the token is renewed once ({@link #renew}) and the call tried once more.
     */
    public <T> T call(
            String key,
            Supplier<WeChatAccessToken> fetch,
            Predicate<RuntimeException> refused,
            Function<String, T> apiCall) {
        String token = current(key, fetch);
        try {
            return apiCall.apply(token);
        } catch (RuntimeException e) {
            if (!refused.test(e)) {
                throw e;
            }
            return apiCall.apply(renew(key, token, fetch));
        }
    }

    /** A token other than {@code refused}: the one another caller stored meanwhile, or a new one. */
    public String renew(String key, String refused, Supplier<WeChatAccessToken> fetch) {
        return store.withLock(key, () -> {
                    Optional<WeChatAccessToken> now = store.get(key);
                    if (now.isPresent() && !now.get().value().equals(refused)) {
                        return now.get(); // someone renewed it meanwhile
                    }
                    return fetchAndStore(key, fetch);
                })
                .value();
    }

    private WeChatAccessToken fetchAndStore(String key, Supplier<WeChatAccessToken> fetch) {
        WeChatAccessToken token = fetch.get();
        store.put(key, token);
        return token;
    }

    private Optional<WeChatAccessToken> fresh(String key) {
        return store.get(key).filter(t -> clock.instant().plus(renewAhead).isBefore(t.expiresAt()));
    }
}
