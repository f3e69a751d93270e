package io.github.wxlogin.core.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * What a platform's login exchange answered: the user's {@link PlatformSession} when a login code was
 * traded, and the device's anonymous openid when an anonymous code was (Douyin's
 * {@code anonymous_openid}). A guest has the anonymous openid only; a real login that carried both
 * codes has both, and its guest (if any) becomes or joins the real user.
 */
public record PlatformLogin(Optional<PlatformSession> session, Optional<String> anonymousOpenid) {

    public PlatformLogin {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(anonymousOpenid, "anonymousOpenid");
        if (session.isEmpty() && anonymousOpenid.isEmpty()) {
            throw new IllegalArgumentException("the exchange gave neither a session nor an anonymous openid");
        }
        if (anonymousOpenid.isPresent() && anonymousOpenid.get().isBlank()) {
            throw new IllegalArgumentException("a blank anonymous openid");
        }
    }

    /** A login code's answer alone. */
    public static PlatformLogin of(PlatformSession session) {
        return new PlatformLogin(Optional.of(session), Optional.empty());
    }

    /** No login code was traded: the device's guest. */
    public boolean isGuest() {
        return session.isEmpty();
    }
}
