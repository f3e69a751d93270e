package io.github.wxlogin.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes new signing keys and opens stored ones: the private JWK is sealed under the master key, bound
 * to its kid, so a sealed key copied onto another row does not open.
 */
final class SigningKeyVault {

    private final SecretBox box;
    private final Clock clock;
    private final Ids ids;

    SigningKeyVault(SecretBox box, Clock clock, Ids ids) {
        this.box = box;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new EC P-256 key, created now, sealed for the store. */
    StoredSigningKey generate() {
        String kid = ids.randomText(12);
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            return new StoredSigningKey(
                    kid,
                    JWSAlgorithm.ES256.getName(),
                    box.seal(key.toJSONString(), context(kid)),
                    key.toPublicJWK().toJSONString(),
                    clock.instant(),
                    Optional.empty());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    /** The private key of a stored key. */
    ECKey open(StoredSigningKey stored) {
        try {
            return ECKey.parse(box.open(stored.sealedPrivateJwk(), context(stored.kid())));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + stored.kid() + " is not a JWK");
        }
    }

    static String context(String kid) {
        return "signing-key:" + kid;
    }
}
