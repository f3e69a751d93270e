package io.github.wxlogin.core.wechat;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an app's WeChat access token is kept, and the lock that makes one fetch serve every caller.
 * In one process both are local; a fleet keeps them in Redis so all instances share one token and
 * one fetch (a new token from {@code cgi-bin/token} would invalidate the others').
 */
public interface AccessTokenStore {

    Optional<WeChatAccessToken> get(String appId);

    void put(String appId, WeChatAccessToken token);

    /** Runs {@code action} holding the app's lock: one holder at a time per app. */
    <T> T withLock(String appId, Supplier<T> action);
}
