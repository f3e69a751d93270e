package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.wxlogin.core.token.SigningKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens as other backends see them: ES256 JWTs with {@code kid} and the contract's claims,
 * verifiable from the published JWKS and discovery document alone; and {@code /v1/me} refusing
 * every token that is missing, malformed, tampered with, expired or not this service's.
 */
class AccessTokenTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static JsonNode session;
    static String token;
    static Instant loggedInAt;

    @BeforeAll
    static void start() {
        loggedInAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        session = assertSession(dev.http().login(APP_2, dev.sim().code(APP_2, "token-user")));
        token = session.get("accessToken").asString();
    }

    private static String issuer() {
        return "http://localhost:" + dev.service().port();
    }

    @Test
    void accessTokenIsAnEs256JwtWithKidAndTheContractsClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer());
        assertThat(claims.getSubject()).isEqualTo(session.get("user").get("id").asString());
        assertThat(claims.getAudience()).isNotEmpty();
        assertThat(claims.getStringClaim("appid")).isEqualTo(APP_2);
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        Instant iat = claims.getIssueTime().toInstant();
        Instant exp = claims.getExpirationTime().toInstant();
        assertThat(iat).isBetween(loggedInAt, Instant.now());
        assertThat(Duration.between(iat, exp)).isEqualTo(Duration.ofSeconds(Contract.ACCESS_TTL));
    }

    @Test
    void jwksPublishesTheSigningKeyWithoutItsPrivatePart() throws Exception {
        Http.Reply r = dev.http().get("/.well-known/jwks.json");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JWKSet jwks = JWKSet.parse(r.body());
        assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        });
        for (JsonNode key : r.json().get("keys")) {
            assertThat(key.has("d")).as("private part of %s", key).isFalse();
        }
        JWK signing = jwks.getKeyByKeyId(SignedJWT.parse(token).getHeader().getKeyID());
        assertThat(signing).isInstanceOf(ECKey.class);
        assertThat(((ECKey) signing).getCurve()).isEqualTo(Curve.P_256);
        assertThat(SignedJWT.parse(token).verify(new ECDSAVerifier((ECKey) signing)))
                .isTrue();
    }

    @Test
    void openidConfigurationNamesTheIssuerAndTheJwksUri() {
        Http.Reply r = dev.http().get("/.well-known/openid-configuration");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("issuer").asString()).isEqualTo(issuer());
        assertThat(r.json().get("jwks_uri").asString()).isEqualTo(issuer() + "/.well-known/jwks.json");
    }

    @Test
    void aJwtLibraryGivenOnlyTheDiscoveryDocumentVerifiesTheToken() throws Exception {
        JsonNode discovery = dev.http().get("/.well-known/openid-configuration").json();
        String aud = SignedJWT.parse(token).getJWTClaimsSet().getAudience().get(0);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                        URI.create(discovery.get("jwks_uri").asString()).toURL())
                .retrying(false)
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                aud,
                new JWTClaimsSet.Builder()
                        .issuer(discovery.get("issuer").asString())
                        .build(),
                Set.of("sub", "iat", "exp", "sid", "appid")));

        JWTClaimsSet claims = processor.process(token, null);

        assertThat(claims.getSubject()).isEqualTo(session.get("user").get("id").asString());
    }

    @Test
    void meWithoutAnAuthorizationHeaderIsInvalidToken() {
        assertProblem(dev.http().me(null), 401, "invalid_token");
    }

    @Test
    void meWithAMalformedAuthorizationIsInvalidToken() {
        assertProblem(dev.http().me("Bearer"), 401, "invalid_token");
        assertProblem(dev.http().me("Bearer "), 401, "invalid_token");
        assertProblem(dev.http().me("Bearer garbage"), 401, "invalid_token");
        assertProblem(dev.http().me("Bearer a.b.c"), 401, "invalid_token");
        assertProblem(dev.http().me("Bearer " + "x".repeat(5000)), 401, "invalid_token");
        assertProblem(dev.http().me("Basic " + token), 401, "invalid_token");
        assertProblem(dev.http().me(token), 401, "invalid_token");
    }

    @Test
    void meWithATokenWhoseSignatureIsAlteredIsInvalidToken() {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String tampered = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertProblem(dev.http().me("Bearer " + tampered), 401, "invalid_token");
    }

    @Test
    void meWithATokenWhoseClaimsAreAlteredIsInvalidToken() throws Exception {
        String[] parts = token.split("\\.");
        JWTClaimsSet other = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .subject("u_someoneelse")
                .build();
        String swapped = parts[0] + "." + other.toPayload().toBase64URL() + "." + parts[2];

        assertProblem(dev.http().me("Bearer " + swapped), 401, "invalid_token");
    }

    @Test
    void meWithAnExpiredTokenSignedByTheServiceKeyIsInvalidToken() throws Exception {
        ECKey serviceKey = dev.service().bean(SigningKeys.class).current();
        JWTClaimsSet real = SignedJWT.parse(token).getJWTClaimsSet();
        Instant now = Instant.now();
        // The same claims re-signed with the service's own key are accepted: the forgery is faithful...
        String fresh = sign(
                serviceKey,
                new JWTClaimsSet.Builder(real)
                        .issueTime(Date.from(now.minusSeconds(60)))
                        .expirationTime(Date.from(now.plusSeconds(600)))
                        .build());
        assertThat(dev.http().me("Bearer " + fresh).status()).isEqualTo(200);
        // ...so refusing this one is down to its expiry alone.
        String expired = sign(
                serviceKey,
                new JWTClaimsSet.Builder(real)
                        .issueTime(Date.from(now.minusSeconds(1200)))
                        .expirationTime(Date.from(now.minusSeconds(300)))
                        .build());

        assertProblem(dev.http().me("Bearer " + expired), 401, "invalid_token");
    }

    @Test
    void meWithATokenForAnotherIssuerOrAudienceIsInvalidToken() throws Exception {
        ECKey serviceKey = dev.service().bean(SigningKeys.class).current();
        JWTClaimsSet real = SignedJWT.parse(token).getJWTClaimsSet();

        assertProblem(
                dev.http()
                        .me("Bearer "
                                + sign(
                                        serviceKey,
                                        new JWTClaimsSet.Builder(real)
                                                .issuer("https://evil.example")
                                                .build())),
                401,
                "invalid_token");
        assertProblem(
                dev.http()
                        .me("Bearer "
                                + sign(
                                        serviceKey,
                                        new JWTClaimsSet.Builder(real)
                                                .audience("another-service")
                                                .build())),
                401,
                "invalid_token");
    }

    @Test
    void meWithATokenSignedByAnotherKeyUnderTheSameKidIsInvalidToken() throws Exception {
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();

        assertProblem(
                dev.http().me("Bearer " + sign(impostor, SignedJWT.parse(token).getJWTClaimsSet())),
                401,
                "invalid_token");
    }

    @Test
    void meWithAnUnsignedTokenIsInvalidToken() throws Exception {
        String none = new PlainJWT(SignedJWT.parse(token).getJWTClaimsSet()).serialize();

        assertProblem(dev.http().me("Bearer " + none), 401, "invalid_token");
    }

    @Test
    void meWithATokenOfAnUnknownSessionIsInvalidToken() throws Exception {
        ECKey serviceKey = dev.service().bean(SigningKeys.class).current();
        JWTClaimsSet real = SignedJWT.parse(token).getJWTClaimsSet();

        assertProblem(
                dev.http()
                        .me("Bearer "
                                + sign(
                                        serviceKey,
                                        new JWTClaimsSet.Builder(real)
                                                .claim("sid", "s_doesnotexist")
                                                .build())),
                401,
                "invalid_token");
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
