package io.github.wxlogin.core.token;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionStore;
import java.time.Clock;

/**
 * Lets a request through when its access token verifies and its session is live: a token of a
 * session that was ended is refused although the JWT itself has not expired.
 */
public final class AccessGuard {

    private final TokenVerifier verifier;
    private final SessionStore sessions;
    private final Clock clock;

    public AccessGuard(TokenVerifier verifier, SessionStore sessions, Clock clock) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.clock = clock;
    }

    public AccessClaims authenticate(String bearerToken) {
        AccessClaims claims = verifier.verify(bearerToken);
        boolean live = sessions.find(claims.sessionId())
                .filter(s -> s.isLive(clock.instant()))
                .filter(s -> s.userId().equals(claims.userId()))
                .isPresent();
        if (!live) {
            throw WxLoginException.invalidToken("the session has ended");
        }
        return claims;
    }
}
