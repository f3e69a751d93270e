package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.user.Account;
import java.util.Objects;

/** What {@code POST /v1/me/identities} answers: the identity now the caller's, and the caller's user as it now is. */
public record Linked(IdentityEntry identity, Account account) {

    public Linked {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(account, "account");
    }
}
