package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link UserStore#linkIdentity} did: the outcome and, when the identity is the user's now
 * ({@link Outcome#LINKED}, {@link Outcome#ALREADY_LINKED}), the identity as stored. {@code changed}: what
 * {@code GET /v1/me} shows of the user changed (an identity joined, or a known one learned its unionid).
 */
public record LinkResult(Outcome outcome, Optional<IdentityRecord> identity, boolean changed) {

    public enum Outcome {
        /** The identity joined the user. */
        LINKED,
        /** The identity was the user's already; its session_key is stored as a login stores it. */
        ALREADY_LINKED,
        /** The identity (app, openid) is another user's; nothing changed. */
        IDENTITY_IN_USE,
        /** The claim's (group, unionid) is another user's; nothing changed. */
        UNIONID_IN_USE,
        /** The user has another identity in the claim's app (one identity per app); nothing changed. */
        APP_TAKEN,
        /** There is no such user; nothing changed. */
        NO_SUCH_USER
    }

    public LinkResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(identity, "identity");
        boolean linked = outcome == Outcome.LINKED || outcome == Outcome.ALREADY_LINKED;
        if (linked != identity.isPresent()) {
            throw new IllegalArgumentException("an identity comes with a link, and only with one");
        }
    }

    public static LinkResult refused(Outcome outcome) {
        return new LinkResult(outcome, Optional.empty(), false);
    }

    public static LinkResult linked(IdentityRecord identity) {
        return new LinkResult(Outcome.LINKED, Optional.of(identity), true);
    }

    public static LinkResult already(IdentityRecord identity, boolean changed) {
        return new LinkResult(Outcome.ALREADY_LINKED, Optional.of(identity), changed);
    }
}
