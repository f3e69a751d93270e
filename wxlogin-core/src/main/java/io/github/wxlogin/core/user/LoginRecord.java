package io.github.wxlogin.core.user;

import java.util.Objects;

/** The account a login resolved to, and whether the login created its user. */
public record LoginRecord(Account account, boolean newUser) {

    public LoginRecord {
        Objects.requireNonNull(account, "account");
    }
}
