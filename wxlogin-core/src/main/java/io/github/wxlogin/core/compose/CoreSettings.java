package io.github.wxlogin.core.compose;

import io.github.wxlogin.core.token.TokenSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The core's settings with their defaults, in one home: the server binds its properties onto
 * {@link #defaults(String)}, so a default is written here and nowhere else.
 *
 * @param tokens the tokens' names and lifetimes
 * @param previousSessionKeyGrace how long open data sealed under the session_key a login just
 *     replaced still opens (5 minutes by default)
 * @param liveSessionCache how long a session's live state is cached on one instance (30 s)
 * @param housekeeping how ended sessions are purged
 */
public record CoreSettings(
        TokenSettings tokens, Duration previousSessionKeyGrace, Duration liveSessionCache, Housekeeping housekeeping) {

    /**
     * @param keepEnded how long an ended or expired session is kept before it is deleted (7 days)
     * @param batchSize rows per delete statement (500)
     * @param maxBatches statements per run (20)
     */
    public record Housekeeping(Duration keepEnded, int batchSize, int maxBatches) {

        public Housekeeping {
            Objects.requireNonNull(keepEnded, "keepEnded");
            if (keepEnded.isNegative()) {
                throw new IllegalArgumentException("keepEnded must not be negative");
            }
            if (batchSize < 1 || maxBatches < 1) {
                throw new IllegalArgumentException("batchSize and maxBatches must be at least 1");
            }
        }

        public static Housekeeping defaults() {
            return new Housekeeping(Duration.ofDays(7), 500, 20);
        }
    }

    public CoreSettings {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(previousSessionKeyGrace, "previousSessionKeyGrace");
        Objects.requireNonNull(liveSessionCache, "liveSessionCache");
        Objects.requireNonNull(housekeeping, "housekeeping");
        if (previousSessionKeyGrace.isNegative()) {
            throw new IllegalArgumentException("previousSessionKeyGrace must not be negative");
        }
        if (liveSessionCache.isNegative() || liveSessionCache.isZero()) {
            throw new IllegalArgumentException("liveSessionCache must be positive");
        }
    }

    public static CoreSettings defaults(String issuer) {
        return new CoreSettings(
                TokenSettings.defaults(issuer), Duration.ofMinutes(5), Duration.ofSeconds(30), Housekeeping.defaults());
    }

    public CoreSettings withTokens(TokenSettings tokens) {
        return new CoreSettings(tokens, previousSessionKeyGrace, liveSessionCache, housekeeping);
    }
}
