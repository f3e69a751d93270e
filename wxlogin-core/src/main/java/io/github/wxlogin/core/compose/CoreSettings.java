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
 * @param housekeeping how ended sessions and old audit events are purged
 * @param userCache the bounds of the users {@code GET /v1/me} answers from memory
 * @param linkByPhone whether binding a phone number another user holds links a brand-new user into
 *     that one instead of being refused (off by default)
 */
public record CoreSettings(
        TokenSettings tokens,
        Duration previousSessionKeyGrace,
        Duration liveSessionCache,
        Housekeeping housekeeping,
        UserCache userCache,
        boolean linkByPhone) {

    /**
     * @param keepEnded how long an ended or expired session is kept before it is deleted (7 days)
     * @param batchSize rows per delete statement (500)
     * @param maxBatches statements per run (20), for the sessions and for the audit log each
     * @param keepAudit how long an audit event is kept before it is deleted (90 days); zero keeps
     *     every event for ever
     */
    public record Housekeeping(Duration keepEnded, int batchSize, int maxBatches, Duration keepAudit) {

        public Housekeeping {
            Objects.requireNonNull(keepEnded, "keepEnded");
            Objects.requireNonNull(keepAudit, "keepAudit");
            if (keepEnded.isNegative()) {
                throw new IllegalArgumentException("keepEnded must not be negative");
            }
            if (keepAudit.isNegative()) {
                throw new IllegalArgumentException(
                        "the audit log's keep must not be negative (zero keeps it for ever)");
            }
            if (batchSize < 1 || maxBatches < 1) {
                throw new IllegalArgumentException("batchSize and maxBatches must be at least 1");
            }
        }

        public static Housekeeping defaults() {
            return new Housekeeping(Duration.ofDays(7), 500, 20, Duration.ofDays(90));
        }
    }

    /**
     * @param maxBytes the estimated heap size of the cached users together (16 MiB); 0 keeps none
     * @param ttl how long a user is kept once read (60 s): what bounds how long an instance that
     *     missed the news of a change (its Redis subscription was down) shows the user as it was
     */
    public record UserCache(long maxBytes, Duration ttl) {

        public UserCache {
            Objects.requireNonNull(ttl, "ttl");
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes must not be negative");
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive");
            }
        }

        public static UserCache defaults() {
            return new UserCache(16L * 1024 * 1024, Duration.ofSeconds(60));
        }
    }

    public CoreSettings {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(previousSessionKeyGrace, "previousSessionKeyGrace");
        Objects.requireNonNull(liveSessionCache, "liveSessionCache");
        Objects.requireNonNull(housekeeping, "housekeeping");
        Objects.requireNonNull(userCache, "userCache");
        if (previousSessionKeyGrace.isNegative()) {
            throw new IllegalArgumentException("previousSessionKeyGrace must not be negative");
        }
        if (liveSessionCache.isNegative() || liveSessionCache.isZero()) {
            throw new IllegalArgumentException("liveSessionCache must be positive");
        }
    }

    public static CoreSettings defaults(String issuer) {
        return new CoreSettings(
                TokenSettings.defaults(issuer),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Housekeeping.defaults(),
                UserCache.defaults(),
                false);
    }

    public CoreSettings withTokens(TokenSettings tokens) {
        return new CoreSettings(
                tokens, previousSessionKeyGrace, liveSessionCache, housekeeping, userCache, linkByPhone);
    }

    public CoreSettings withLinkByPhone(boolean linkByPhone) {
        return new CoreSettings(
                tokens, previousSessionKeyGrace, liveSessionCache, housekeeping, userCache, linkByPhone);
    }
}
