package io.github.wxlogin.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys access tokens are signed with: the newest active key signs, the current and the previous
 * one verify and are published in the JWKS. Private keys are kept in the store sealed under the
 * master key, so every instance of a deployment signs with the same keys.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final int PUBLISHED = 2;

    private final SigningKeyStore store;
    private final SecretBox box;
    private final Clock clock;
    private final Ids ids;
    private volatile List<Prepared> active;
    private volatile Instant lastReload = Instant.EPOCH;

    /** A key with its signer and verifier, built once. */
    private record Prepared(ECKey key, JWSSigner signer, JWSVerifier verifier) {
        static Prepared of(ECKey key) {
            return new Prepared(key, EcProvider.signer(key), EcProvider.verifier(key));
        }
    }

    private SigningKeys(SigningKeyStore store, SecretBox box, Clock clock, Ids ids) {
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.ids = ids;
    }

    /** Loads the keys, generating and storing the first one on a deployment's first start. */
    public static SigningKeys loadOrCreate(SigningKeyStore store, SecretBox box, Clock clock, Ids ids) {
        SigningKeys keys = new SigningKeys(store, box, clock, ids);
        if (store.listActive().isEmpty()) {
            // Instances of a fleet started together on an empty database: one first key, not one each
            // (the others would not know it, and refuse its tokens).
            StoredSigningKey first = keys.generate();
            if (store.insertIfNewest(null, first)) {
                log.info("Generated signing key {}", first.kid());
            }
        }
        keys.reload();
        return keys;
    }

    /**
     * Whether {@code box} opens the newest of {@code stored} (a store's active keys, newest first, as
     * {@link SigningKeyStore#listActive()} lists them): false when they were sealed under another
     * master key; true when there are none yet. Nothing is written, so a start can check the master key
     * against the stored data before anything is sealed under it.
     */
    public static boolean opensWith(List<StoredSigningKey> stored, SecretBox box) {
        if (stored.isEmpty()) {
            return true;
        }
        StoredSigningKey newest = stored.get(0);
        try {
            box.open(newest.sealedPrivateJwk(), context(newest.kid()));
            return true;
        } catch (IllegalStateException sealedUnderAnotherKey) {
            return false;
        }
    }

    /** Generates a new key and stores it; it signs from the next {@link #reload()}. */
    public String addNewKey() {
        StoredSigningKey key = generate();
        store.insert(key);
        log.info("Generated signing key {}", key.kid());
        return key.kid();
    }

    private StoredSigningKey generate() {
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

    /**
     * Makes a new key current: it signs from now on, the key it replaces still verifies (tokens it
     * signed live on until they expire), and every older key is retired. The new key's id.
     */
    public synchronized String rotate() {
        String kid = addNewKey();
        retireOld();
        reload();
        return kid;
    }

    /**
     * Rotates when the current key is older than {@code maxAge}; true when it did. Instances checking
     * at the same moment rotate once between them: the new key is stored only while the key this
     * instance found old is still the newest.
     */
    public synchronized boolean rotateIfOlderThan(Duration maxAge) {
        reload();
        StoredSigningKey newest = store.listActive().get(0);
        if (Duration.between(newest.createdAt(), clock.instant()).compareTo(maxAge) < 0) {
            return false;
        }
        StoredSigningKey next = generate();
        if (!store.insertIfNewest(newest.kid(), next)) {
            log.info("Signing key already rotated by another instance");
            reload();
            return false;
        }
        log.info("Generated signing key {}", next.kid());
        retireOld();
        reload();
        return true;
    }

    private void retireOld() {
        List<StoredSigningKey> all = store.listActive();
        for (StoredSigningKey old : all.subList(Math.min(PUBLISHED, all.size()), all.size())) {
            store.retire(old.kid(), clock.instant());
            log.info("Retired signing key {}", old.kid());
        }
    }

    /**
     * Reloads when a token names a key this instance does not know, at most every 10 seconds: another
     * instance may have rotated.
     */
    void reloadForUnknownKey() {
        Instant now = clock.instant();
        if (Duration.between(lastReload, now).compareTo(Duration.ofSeconds(10)) >= 0) {
            reload();
        }
    }

    /** Reads the active keys from the store again. */
    public void reload() {
        lastReload = clock.instant();
        List<Prepared> loaded = new ArrayList<>();
        for (StoredSigningKey stored : store.listActive()) {
            try {
                loaded.add(Prepared.of(ECKey.parse(box.open(stored.sealedPrivateJwk(), context(stored.kid())))));
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + stored.kid() + " is not a JWK");
            }
            if (loaded.size() == PUBLISHED) {
                break;
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no active signing key");
        }
        this.active = List.copyOf(loaded);
    }

    /** The key that signs new tokens. */
    public ECKey current() {
        return active.get(0).key();
    }

    /** The signer of the current key. */
    JWSSigner currentSigner() {
        return active.get(0).signer();
    }

    /** The public key of {@code kid}, if it is one of the keys that still verify. */
    public Optional<ECKey> verificationKey(String kid) {
        return prepared(kid).map(p -> p.key().toPublicJWK());
    }

    /** True while {@code kid} is one of the keys that verify. */
    public boolean verifies(String kid) {
        return prepared(kid).isPresent();
    }

    /** The verifier of {@code kid}, if it is one of the keys that still verify. */
    Optional<JWSVerifier> verifier(String kid) {
        return prepared(kid).map(Prepared::verifier);
    }

    private Optional<Prepared> prepared(String kid) {
        for (Prepared p : active) {
            if (p.key().getKeyID().equals(kid)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The JWK Set of the current and previous public keys, as a JSON object. */
    public Map<String, Object> publicJwks() {
        return new JWKSet(active.stream()
                        .map(p -> (com.nimbusds.jose.jwk.JWK) p.key().toPublicJWK())
                        .toList())
                .toJSONObject(true);
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }
}
