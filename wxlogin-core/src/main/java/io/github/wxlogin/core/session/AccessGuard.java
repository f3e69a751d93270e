package io.github.wxlogin.core.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.support.Bytes;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenVerifier;
import java.time.Clock;
import java.time.Duration;

/**
 * Lets a request through when its access token verifies and its session is live: a token of a
 * session that was ended is refused although the JWT itself has not expired.
 *
 * <p>A token that verified once is remembered until it expires, so a client calling again with the
 * same token costs a cache lookup, not an ECDSA verification. That is safe because verification of a
 * given string cannot change its answer before {@code exp}, except by its key being retired, which is
 * checked on every hit (a list of two keys). The session check
 * is never cached here: {@link LiveSessions} answers it, and forgets ended sessions at once.
 */
public final class AccessGuard {

    /** The verified-token cache's bound in bytes: about 14,000 tokens of ~600 characters. */
    static final long VERIFIED_BYTES = 16L << 20;
    /** The claims of one token: a record of a few short strings and instants. */
    private static final int CLAIMS_BYTES = 480;

    private final TokenVerifier verifier;
    private final SigningKeys keys;
    private final LiveSessions sessions;
    private final Clock clock;
    private final Cache<String, AccessClaims> verified;

    public AccessGuard(TokenVerifier verifier, SigningKeys keys, LiveSessions sessions, Clock clock) {
        this.verifier = verifier;
        this.keys = keys;
        this.sessions = sessions;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumWeight(VERIFIED_BYTES)
                .weigher((String token, AccessClaims claims) -> Bytes.entry(token) + CLAIMS_BYTES)
                .expireAfter(Expiry.creating((String token, AccessClaims claims) -> untilExpiry(claims)))
                .build();
    }

    public AccessClaims authenticate(String bearerToken) {
        AccessClaims claims = bearerToken == null ? null : verified.getIfPresent(bearerToken);
        if (claims == null || !clock.instant().isBefore(claims.expiresAt()) || !keys.verifies(claims.keyId())) {
            claims = verifier.verify(bearerToken);
            verified.put(bearerToken, claims);
        }
        if (!sessions.isLive(claims.sessionId(), claims.userId())) {
            throw WxLoginException.invalidToken("the session has ended");
        }
        return claims;
    }

    private Duration untilExpiry(AccessClaims claims) {
        Duration left = Duration.between(clock.instant(), claims.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
