package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/** What {@link UserStore#mergeUsers} did, and the user merged into, as it now is, when it merged. */
public record MergeResult(Outcome outcome, Optional<User> user) {

    public enum Outcome {
        MERGED,
        /** One of the two users does not exist; nothing changed. */
        NO_SUCH_USER,
        /** Both users have an identity in one app (one identity per app); nothing changed. */
        SAME_APP
    }

    public MergeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(user, "user");
        if ((outcome == Outcome.MERGED) != user.isPresent()) {
            throw new IllegalArgumentException("a user comes with a merge, and only with one");
        }
    }

    public static MergeResult merged(User into) {
        return new MergeResult(Outcome.MERGED, Optional.of(into));
    }

    public static MergeResult refused(Outcome outcome) {
        return new MergeResult(outcome, Optional.empty());
    }
}
