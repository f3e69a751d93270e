package io.github.wxlogin.core.session;

import java.util.Objects;
import java.util.Optional;

/** What happened when a refresh token was presented for spending. */
public record RefreshConsumption(Outcome outcome, Optional<String> sessionId) {

    public enum Outcome {
        /** It was unspent and unexpired, and is spent now, by this call alone. */
        SPENT_NOW,
        /** It had been spent before: presented again, a theft signal. */
        ALREADY_SPENT,
        /** Unspent but past its expiry. */
        EXPIRED,
        /** No such token. */
        UNKNOWN
    }

    public RefreshConsumption {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public static RefreshConsumption unknown() {
        return new RefreshConsumption(Outcome.UNKNOWN, Optional.empty());
    }
}
