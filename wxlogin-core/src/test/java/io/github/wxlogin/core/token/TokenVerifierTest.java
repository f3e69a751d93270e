package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    private static final String ISSUER = "https://login.example.test";
    private static final TokenSettings SETTINGS = TokenSettings.defaults(ISSUER);
    private static final SessionRecord SESSION = session("s_session1", "u_user1", "wx1234567890abcdef");

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00.750Z");
    private final Ids ids = new Ids();
    private final SecretBox box = new SecretBox(randomBytes(32));
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);
    private final TokenIssuer issuer = new TokenIssuer(keys, SETTINGS, clock, ids);
    private final TokenVerifier verifier = new TokenVerifier(keys, SETTINGS, clock);

    @Test
    void anIssuedTokenVerifiesToItsUserSessionAndApp() {
        AccessToken token = issuer.issue(SESSION);

        AccessClaims claims = verifier.verify(token.value());

        assertThat(claims.userId()).isEqualTo("u_user1");
        assertThat(claims.sessionId()).isEqualTo("s_session1");
        assertThat(claims.appId()).isEqualTo("wx1234567890abcdef");
        assertThat(claims.expiresAt()).isEqualTo(token.expiresAt());
    }

    @Test
    void theHeaderNamesTheKeyAndEs256() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue(SESSION).value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.current().getKeyID());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    }

    @Test
    void theTokenCarriesIssAudIatExpJtiAndLivesExactlyTheAccessTokenTtl() throws Exception {
        AccessToken token = issuer.issue(SESSION);
        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("wxlogin");
        assertThat(claims.getSubject()).isEqualTo("u_user1");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isNotNull();
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(SETTINGS.accessTokenTtl());
        // JWT times are whole seconds: iat is the clock truncated, and the returned expiry matches exp.
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2025-03-01T08:00:00Z"));
        assertThat(token.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String a =
                SignedJWT.parse(issuer.issue(SESSION).value()).getJWTClaimsSet().getJWTID();
        String b =
                SignedJWT.parse(issuer.issue(SESSION).value()).getJWTClaimsSet().getJWTID();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aTokenIsAcceptedOneSecondBeforeExpAndRefusedExactlyAtExp() {
        AccessToken token = issuer.issue(SESSION);

        clock.set(token.expiresAt().minusSeconds(1));
        assertThat(verifier.verify(token.value()).sessionId()).isEqualTo("s_session1");

        clock.set(token.expiresAt());
        assertRefused(token.value());

        clock.set(token.expiresAt().plus(Duration.ofDays(1)));
        assertRefused(token.value());
    }

    @Test
    void aTokenWithAFlippedSignatureBitIsRefused() {
        String token = issuer.issue(SESSION).value();
        String[] parts = token.split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[signature.length / 2] ^= 0x01;

        assertRefused(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature));
    }

    @Test
    void aTokenWithAnEditedPayloadIsRefused() throws Exception {
        String token = issuer.issue(SESSION).value();
        String[] parts = token.split("\\.");
        JWTClaimsSet edited = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .subject("u_someone_else")
                .build();

        assertRefused(parts[0] + "." + Base64URL.encode(edited.toString()) + "." + parts[2]);
    }

    @Test
    void aTokenForAnotherIssuerIsRefused() {
        String token = issuer.issue(SESSION).value();
        TokenVerifier otherIssuer =
                new TokenVerifier(keys, TokenSettings.defaults("https://other.example.test"), clock);

        assertRefused(otherIssuer, token);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = issuer.issue(SESSION).value();
        TokenSettings otherAudience = new TokenSettings(
                ISSUER,
                "another-service",
                SETTINGS.accessTokenTtl(),
                SETTINGS.refreshTokenTtl(),
                SETTINGS.sessionMaxLifetime());

        assertRefused(new TokenVerifier(keys, otherAudience, clock), token);
    }

    @Test
    void aTokenSignedByAKeyOfAnotherStoreIsRefused() {
        SigningKeys otherKeys = SigningKeys.loadOrCreate(new InMemorySigningKeyStore(), box, clock, ids);
        String token =
                new TokenIssuer(otherKeys, SETTINGS, clock, ids).issue(SESSION).value();

        assertRefused(token);
    }

    @Test
    void aTokenSignedByAForeignKeyThatBorrowedOurKidIsRefused() throws Exception {
        ECKey foreign =
                new ECKeyGenerator(Curve.P_256).keyID(keys.current().getKeyID()).generate();

        assertRefused(sign(foreign, JWSAlgorithm.ES256, validClaims()));
    }

    @Test
    void aTokenOfThePreviousKeyStillVerifiesAfterOneRotation() {
        String token = issuer.issue(SESSION).value();
        clock.advance(Duration.ofSeconds(1));
        keys.addNewKey();
        keys.reload();

        assertThat(verifier.verify(token).userId()).isEqualTo("u_user1");
    }

    @Test
    void aTokenIsRefusedOnceItsKeyDroppedOutOfTheTwoPublished() {
        String token = issuer.issue(SESSION).value();
        keys.addNewKey();
        keys.addNewKey();
        keys.reload();

        assertRefused(token);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        PlainJWT plain = new PlainJWT(validClaims());

        assertRefused(plain.serialize());
    }

    @Test
    void anAlgNoneHeaderWithOurKidOnARealTokenIsRefused() {
        String[] parts = issuer.issue(SESSION).value().split("\\.");
        String none = Base64URL.encode(
                        "{\"alg\":\"none\",\"kid\":\"" + keys.current().getKeyID() + "\"}")
                .toString();

        assertRefused(none + "." + parts[1] + ".");
        assertRefused(none + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void anHs256TokenWithOurKidIsRefused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(keys.current().getKeyID())
                .build();
        SignedJWT randomSecret = new SignedJWT(header, validClaims());
        randomSecret.sign(new MACSigner(randomBytes(32)));
        // The classic confusion: the HMAC keyed with the published public key.
        SignedJWT publicKeyAsSecret = new SignedJWT(header, validClaims());
        publicKeyAsSecret.sign(
                new MACSigner(pad32(keys.current().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))));

        assertRefused(randomSecret.serialize());
        assertRefused(publicKeyAsSecret.serialize());
    }

    @Test
    void aTokenWithoutKidIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), validClaims());
        jwt.sign(new ECDSASigner(keys.current()));

        assertRefused(jwt.serialize());
    }

    @Test
    void aTokenSignedByUsButLackingSidAppidSubOrExpIsRefused() throws Exception {
        List<Consumer<JWTClaimsSet.Builder>> removals = List.of(
                b -> b.claim("sid", null),
                b -> b.claim("appid", null),
                b -> b.claim("sid", ""),
                b -> b.claim("sid", 42),
                b -> b.subject(null),
                b -> b.expirationTime(null),
                b -> b.issueTime(null),
                b -> b.audience((String) null),
                b -> b.issuer(null));
        for (Consumer<JWTClaimsSet.Builder> removal : removals) {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(validClaims());
            removal.accept(builder);

            assertRefused(sign(keys.current(), JWSAlgorithm.ES256, builder.build()));
        }
    }

    @Test
    void aTokenSignedByUsWithTheRightClaimsVerifies() throws Exception {
        // The control for the forgeries above: the same hand-made claims, correctly signed, pass.
        assertThat(verifier.verify(sign(keys.current(), JWSAlgorithm.ES256, validClaims()))
                        .userId())
                .isEqualTo("u_user1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "a.b.c",
                "..",
                ".",
                "a.b",
                "a.b.c.d.e",
                "eyJ9.eyJ9.eyJ9",
                "e30.e30.e30",
                "W10.e30.AA",
                "MQ.e30.AA",
                "Bearer x",
                "not a jwt at all \u0000\n",
                "\u00e9\u00e9.\u00e9.\u00e9"
            })
    void garbageIsRefused(String garbage) {
        assertRefused(garbage);
    }

    @Test
    void aTokenWhoseHeaderIsJsonNullIsRefusedAsMalformed() {
        // base64url("null") . base64url("{}") . one zero byte
        assertRefused("bnVsbA.e30.AA");
        assertRefused("bnVsbA.bnVsbA.AA");
    }

    @Test
    void nullAndEmptyAreRefused() {
        assertRefused(null);
        assertRefused("");
    }

    @Test
    void a5000CharacterStringIsRefused() {
        assertRefused("a".repeat(5000));
        String real = issuer.issue(SESSION).value();
        assertRefused(real + "x".repeat(5000 - real.length()));
    }

    private void assertRefused(String token) {
        assertRefused(verifier, token);
    }

    private static void assertRefused(TokenVerifier verifier, String token) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> verifier.verify(token));

        assertThat(e).as("refusal of %s", token).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        if (token != null && !token.isEmpty()) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
                for (String part : token.split("\\.")) {
                    if (part.length() >= 8) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(part);
                    }
                }
            }
        }
    }

    private JWTClaimsSet validClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("u_user1")
                .audience("wxlogin")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID("jti-1")
                .claim("sid", "s_session1")
                .claim("appid", "wx1234567890abcdef")
                .build();
    }

    private static String sign(ECKey key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt =
                new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static SessionRecord session(String id, String userId, String appId) {
        Instant created = Instant.parse("2025-03-01T08:00:00Z");
        return new SessionRecord(
                id,
                userId,
                appId,
                created,
                created.plus(Duration.ofDays(30)),
                created,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static byte[] pad32(byte[] b) {
        return b.length >= 32 ? b : java.util.Arrays.copyOf(b, 32);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
