package io.github.wxlogin.core.user;

import java.util.Objects;

/**
 * The account a login resolved to, whether the login created its user, and whether it changed the
 * identities of a user that existed before it: a known identity learned its unionid, or a new identity
 * joined the user through its unionid. A changed user is out of date wherever an instance holds a copy
 * of it ({@link UserCache}); a new user is held nowhere yet, and a login that only stores a new
 * session_key changes nothing {@code GET /v1/me} shows.
 */
public record LoginRecord(Account account, boolean newUser, boolean identitiesChanged) {

    public LoginRecord {
        Objects.requireNonNull(account, "account");
        if (newUser && identitiesChanged) {
            throw new IllegalArgumentException("a new user has no earlier identities to change");
        }
    }
}
