package io.github.wxlogin.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a refresh token was presented for spending.
 *
 * @param sessionId the session of the token; empty when it is unknown
 * @param spentAt when the token was spent: now for {@code SPENT_NOW}, earlier for {@code ALREADY_SPENT}
 *     (by a refresh, or by its revocation); empty for the other outcomes
 */
public record RefreshConsumption(Outcome outcome, Optional<String> sessionId, Optional<Instant> spentAt) {

    public enum Outcome {
        /** It was unspent and unexpired, and is spent now, by this call alone. */
        SPENT_NOW,
        /** It had been spent before: presented again, a retry within the grace or a theft signal. */
        ALREADY_SPENT,
        /** Unspent but past its expiry. */
        EXPIRED,
        /** No such token. */
        UNKNOWN
    }

    public RefreshConsumption {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(spentAt, "spentAt");
        boolean spent = outcome == Outcome.SPENT_NOW || outcome == Outcome.ALREADY_SPENT;
        if (spent != spentAt.isPresent() || (outcome == Outcome.UNKNOWN) != sessionId.isEmpty()) {
            throw new IllegalArgumentException("a spent token has a spend time and only an unknown one has no session");
        }
    }

    public static RefreshConsumption unknown() {
        return new RefreshConsumption(Outcome.UNKNOWN, Optional.empty(), Optional.empty());
    }

    public static RefreshConsumption expired(String sessionId) {
        return new RefreshConsumption(Outcome.EXPIRED, Optional.of(sessionId), Optional.empty());
    }

    public static RefreshConsumption spentNow(String sessionId, Instant now) {
        return new RefreshConsumption(Outcome.SPENT_NOW, Optional.of(sessionId), Optional.of(now));
    }

    public static RefreshConsumption alreadySpent(String sessionId, Instant spentAt) {
        return new RefreshConsumption(Outcome.ALREADY_SPENT, Optional.of(sessionId), Optional.of(spentAt));
    }
}
