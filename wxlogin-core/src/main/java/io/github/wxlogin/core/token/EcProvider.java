package io.github.wxlogin.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ES256 signers and verifiers on Bouncy Castle's P-256, built once per key. Two things make them
 * fast (numbers in docs/benchmarks.md): Bouncy Castle's specialised P-256 arithmetic, far quicker
 * than the JDK 17 provider; and keys translated to Bouncy Castle's own form once, so its
 * precomputed tables for the curve are built once instead of at every signature. The provider is
 * passed to Nimbus per signer and verifier, never registered globally.
 */
final class EcProvider {

    private static final Provider BC = new BouncyCastleProvider();

    private EcProvider() {}

    static ECDSASigner signer(ECKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", BC);
            ECDSASigner signer = new ECDSASigner((ECPrivateKey) factory.translateKey(key.toECPrivateKey()));
            signer.getJCAContext().setProvider(BC);
            return signer;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot prepare signing key " + key.getKeyID(), e);
        }
    }

    static ECDSAVerifier verifier(ECKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", BC);
            ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) factory.translateKey(key.toECPublicKey()));
            verifier.getJCAContext().setProvider(BC);
            return verifier;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot prepare verification key " + key.getKeyID(), e);
        }
    }
}
