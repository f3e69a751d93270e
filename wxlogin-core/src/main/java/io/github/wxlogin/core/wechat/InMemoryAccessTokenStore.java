package io.github.wxlogin.core.wechat;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The {@link AccessTokenStore} of a single instance. */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    private final ConcurrentHashMap<String, WeChatAccessToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<WeChatAccessToken> get(String appId) {
        return Optional.ofNullable(tokens.get(appId));
    }

    @Override
    public void put(String appId, WeChatAccessToken token) {
        tokens.put(appId, token);
    }

    @Override
    public <T> T withLock(String appId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(appId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
