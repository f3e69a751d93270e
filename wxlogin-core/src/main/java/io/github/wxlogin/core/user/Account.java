package io.github.wxlogin.core.user;

import java.util.Objects;

/** A user together with its identity in the app the caller came through: the contract's user object. */
public record Account(User user, Identity identity) {

    public Account {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        if (!user.id().equals(identity.userId())) {
            throw new IllegalArgumentException("identity belongs to another user");
        }
    }
}
