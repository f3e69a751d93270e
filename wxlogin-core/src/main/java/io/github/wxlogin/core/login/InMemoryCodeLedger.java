package io.github.wxlogin.core.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link CodeLedger} for one instance: a bounded Caffeine cache whose entries outlive the codes.
 * It keeps 128 bits of a SHA-256 of the app and code, never the code: every entry has the same small
 * size whatever a client sends ({@link #ENTRY_BYTES}, measured), so its bound is a bound in bytes.
 * When a flood fills it, codes are forgotten before their ten minutes: a replay of one then
 * reaches the platform, which refuses a spent code itself (WeChat's 40163).
 */
public final class InMemoryCodeLedger implements CodeLedger {

    /** The first 128 bits of SHA-256(appId NUL code). */
    private record CodeKey(long high, long low) {}

    /** WeChat's codes live 5 minutes; remember them twice as long, for clock skew and slow clients. */
    public static final Duration REMEMBER = Duration.ofMinutes(10);

    /** One entry with the cache's own node, measured on OpenJDK 17 (docs/operations.md). */
    public static final int ENTRY_BYTES = 131;
    /** The default bound: 32 MiB, about 256,000 codes (a sustained 425 logins/s for the ten minutes). */
    public static final long DEFAULT_BYTES = 32L << 20;

    private final Cache<CodeKey, Boolean> claimed;

    /** A ledger of at most {@code maximumBytes / ENTRY_BYTES} codes. */
    public static InMemoryCodeLedger ofBytes(long maximumBytes, Ticker ticker) {
        return new InMemoryCodeLedger(maximumBytes / ENTRY_BYTES, ticker);
    }

    public InMemoryCodeLedger(long maximumSize, Ticker ticker) {
        this.claimed = Caffeine.newBuilder()
                .expireAfterWrite(REMEMBER)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    public InMemoryCodeLedger() {
        this(DEFAULT_BYTES / ENTRY_BYTES, Ticker.systemTicker());
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

    private static CodeKey key(String appId, String code) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        sha256.update(appId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(code.getBytes(StandardCharsets.UTF_8)));
        return new CodeKey(digest.getLong(), digest.getLong());
    }
}
