package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/v1/signing-keys/rotate}: a new key signs from then on, the key it replaces keeps
 * verifying the tokens it signed, and the key before that is retired: dropped from the JWKS and
 * refused at once, even for a token that verified (and was remembered) before.
 */
class SigningKeyRotationTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(ADMIN_TOKEN);

    static Admin admin;

    @BeforeAll
    static void start() {
        admin = dev.service().admin();
    }

    static List<String> jwksKids() throws Exception {
        Http.Reply r = dev.http().get("/.well-known/jwks.json");
        assertThat(r.status()).isEqualTo(200);
        return JWKSet.parse(r.body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    static boolean verifiesAgainstJwks(Tokens tokens) throws Exception {
        JWKSet jwks = JWKSet.parse(dev.http().get("/.well-known/jwks.json").body());
        JWK key = jwks.getKeyByKeyId(tokens.kid());
        return key != null && SignedJWT.parse(tokens.access()).verify(new ECDSAVerifier((ECKey) key));
    }

    static String rotate() {
        Http.Reply r = admin.rotateSigningKey();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(Contract.fields(r.json())).containsExactly("kid");
        assertThat(r.body()).doesNotContain("\"d\"");
        return r.json().get("kid").asString();
    }

    @Test
    void rotationKeepsThePreviousKeyAndRetiresTheOneBefore() throws Exception {
        Tokens a = dev.service().login(APP_1, "rotation-a");
        String first = a.kid();
        assertThat(jwksKids()).containsExactly(first);
        // Token A verifies, and the service now remembers it as verified.
        assertThat(dev.http().me(a.bearer()).status()).isEqualTo(200);

        String second = rotate();

        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(jwksKids()).containsExactlyInAnyOrder(second, first);
        assertThat(dev.http().me(a.bearer()).status())
                .as("a token of the previous key")
                .isEqualTo(200);
        Tokens b = dev.service().login(APP_1, "rotation-b");
        assertThat(b.kid()).isEqualTo(second);
        assertThat(verifiesAgainstJwks(b)).isTrue();
        assertThat(dev.http().me(b.bearer()).status()).isEqualTo(200);
        // A refresh of a session started under the previous key gets a token of the new one.
        Tokens aRefreshed = dev.service().refresh(a);
        assertThat(aRefreshed.kid()).isEqualTo(second);
        assertThat(aRefreshed.sid()).isEqualTo(a.sid());

        String third = rotate();

        assertThat(third).isNotIn(first, second);
        assertThat(jwksKids()).containsExactlyInAnyOrder(third, second);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT retired_at FROM wx_signing_keys WHERE kid = ?")
                        .param(first)
                        .query(Long.class)
                        .single())
                .as("retired_at of the first key")
                .isNotNull();
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_signing_keys WHERE retired_at IS NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // Token A was verified and remembered before; its key is retired now, so it is refused at once.
        assertProblem(dev.http().me(a.bearer()), 401, "invalid_token");
        assertThat(verifiesAgainstJwks(a)).isFalse();
        // Tokens of the previous key and the current key both still work.
        assertThat(dev.http().me(b.bearer()).status()).isEqualTo(200);
        assertThat(dev.http().me(aRefreshed.bearer()).status()).isEqualTo(200);
        Tokens c = dev.service().login(APP_1, "rotation-c");
        assertThat(c.kid()).isEqualTo(third);
        assertThat(dev.http().me(c.bearer()).status()).isEqualTo(200);
        // The session of A is not ended by the retirement of a key: its refresh token still works.
        assertThat(dev.service().refresh(aRefreshed).kid()).isEqualTo(third);

        List<JsonNode> rotations = admin.allEvents(200).stream()
                .filter(e -> e.get("type").asString().equals("signing_key_rotated"))
                .toList();
        assertThat(rotations).hasSize(2);
        assertThat(rotations)
                .extracting(e -> e.get("detail").asString())
                .anySatisfy(d -> assertThat(d).contains(second))
                .anySatisfy(d -> assertThat(d).contains(third));
        assertThat(rotations)
                .allSatisfy(e -> assertThat(e.get("userAgent").isNull()).isFalse());
    }

    @Test
    void rotationWithoutTheAdminCredentialDoesNothing() throws Exception {
        List<String> before = jwksKids();

        assertProblem(admin.as(null).rotateSigningKey(), 401, "invalid_token");
        assertProblem(admin.as("wrong").rotateSigningKey(), 401, "invalid_token");

        assertThat(jwksKids()).isEqualTo(before);
    }

    @Test
    void rotationIsPostOnly() {
        Http.Reply r = admin.get("/signing-keys/rotate");

        assertProblem(r, 405, "method_not_allowed");
    }
}
