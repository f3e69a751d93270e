package io.github.wxlogin.core.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link CodeLedger} for one instance: a bounded Caffeine cache whose entries outlive the codes. */
public final class InMemoryCodeLedger implements CodeLedger {

    /** WeChat's codes live 5 minutes; remember them twice as long, for clock skew and slow clients. */
    public static final Duration REMEMBER = Duration.ofMinutes(10);

    private final Cache<String, Boolean> claimed;

    public InMemoryCodeLedger(long maximumSize, Ticker ticker) {
        this.claimed = Caffeine.newBuilder()
                .expireAfterWrite(REMEMBER)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    public InMemoryCodeLedger() {
        this(1_000_000, Ticker.systemTicker());
    }

    @Override
    public boolean claim(String appId, String code) {
        AtomicBoolean first = new AtomicBoolean();
        claimed.asMap().computeIfAbsent(key(appId, code), k -> {
            first.set(true);
            return Boolean.TRUE;
        });
        return first.get();
    }

    @Override
    public void release(String appId, String code) {
        claimed.invalidate(key(appId, code));
    }

    private static String key(String appId, String code) {
        return appId + '\0' + code;
    }
}
