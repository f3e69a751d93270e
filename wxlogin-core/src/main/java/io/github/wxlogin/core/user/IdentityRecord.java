package io.github.wxlogin.core.user;

import java.time.Instant;
import java.util.Objects;

/** An identity as stored: when it was first seen (its first login, or its link) and when it last logged in. */
public record IdentityRecord(Identity identity, Instant createdAt, Instant lastLoginAt) {

    public IdentityRecord {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
    }
}
