package io.github.wxlogin.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.wxlogin.core.error.WxLoginException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;

/**
 * Checks an access token's form, signature (by {@code kid}, among the keys that still verify),
 * issuer, audience and expiry. Whether its session is still live is {@link AccessGuard}'s question.
 * Every refusal is {@code invalid_token} with a short reason that never quotes the token.
 */
public final class TokenVerifier {

    private static final int MAX_LENGTH = 4096;

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Clock clock;

    public TokenVerifier(SigningKeys keys, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    public AccessClaims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw WxLoginException.invalidToken("the access token is missing or malformed");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws unchecked exceptions on some malformed input (a header of JSON null).
            throw WxLoginException.invalidToken("the access token is malformed");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                || jwt.getHeader().getKeyID() == null) {
            throw WxLoginException.invalidToken("the access token is not signed by this service");
        }
        String kid = jwt.getHeader().getKeyID();
        if (keys.verifier(kid).isEmpty()) {
            keys.reloadForUnknownKey(kid);
        }
        JWSVerifier verifier = keys.verifier(kid)
                .orElseThrow(
                        () -> WxLoginException.invalidToken("the access token's signing key is unknown or retired"));
        try {
            if (!jwt.verify(verifier)) {
                throw WxLoginException.invalidToken("the access token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw WxLoginException.invalidToken("the access token's signature does not verify");
        }
        if (!settings.issuer().equals(claims.getIssuer())
                || claims.getAudience() == null
                || !claims.getAudience().contains(settings.audience())) {
            throw WxLoginException.invalidToken("the access token is for another issuer or audience");
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || !clock.instant().isBefore(exp.toInstant())) {
            throw WxLoginException.invalidToken("the access token has expired");
        }
        String sid = stringClaim(claims, "sid");
        String appId = stringClaim(claims, "appid");
        if (claims.getSubject() == null || sid == null || appId == null) {
            throw WxLoginException.invalidToken("the access token lacks its claims");
        }
        return new AccessClaims(claims.getSubject(), sid, appId, iat.toInstant(), exp.toInstant(), kid);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }
}
