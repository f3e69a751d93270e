package io.github.wxlogin.core.token;

import java.time.Instant;
import java.util.Objects;

/** A signed access token and when it expires. {@link #toString()} hides the token. */
public record AccessToken(String value, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
