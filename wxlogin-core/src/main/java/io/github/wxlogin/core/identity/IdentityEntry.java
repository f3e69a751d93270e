package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's identities as {@code GET /v1/me/identities} lists it: its id ({@link Identity#id()}),
 * the platform of its app, the identity, and when it was first seen and last logged in.
 */
public record IdentityEntry(String id, String platform, Identity identity, Instant createdAt, Instant lastLoginAt) {

    public IdentityEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
    }

    static IdentityEntry of(IdentityRecord stored, Apps apps) {
        Identity identity = stored.identity();
        return new IdentityEntry(
                identity.id(),
                Platforms.of(apps, identity.appId()),
                identity,
                stored.createdAt(),
                stored.lastLoginAt());
    }
}
