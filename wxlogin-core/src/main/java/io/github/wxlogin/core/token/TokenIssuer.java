package io.github.wxlogin.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.wxlogin.core.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Signs access tokens: ES256 JWTs with {@code kid}, carrying iss, sub, aud, iat, exp, sid, appid and jti. */
public final class TokenIssuer {

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Clock clock;
    private final Ids ids;

    public TokenIssuer(SigningKeys keys, TokenSettings settings, Clock clock, Ids ids) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    public AccessToken issue(TokenSubject session) {
        // JWT times are whole seconds: truncate so iat/exp say exactly what we return.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant exp = now.plus(settings.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(session.userId())
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(ids.randomText(12))
                .claim("sid", session.sessionId())
                .claim("appid", session.appId())
                .build();
        ActiveKeys.ActiveKey key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.kid())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), exp);
    }
}
