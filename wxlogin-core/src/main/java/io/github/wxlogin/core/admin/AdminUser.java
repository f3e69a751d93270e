package io.github.wxlogin.core.admin;

import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.User;
import java.util.List;
import java.util.Objects;

/** A user as an administrator sees it: the user and all its identities. Never a session_key. */
public record AdminUser(User user, List<Identity> identities) {

    public AdminUser {
        Objects.requireNonNull(user, "user");
        identities = List.copyOf(identities);
    }
}
