package io.github.wxlogin.core.token;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.ActiveKeys.ActiveKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys access tokens are signed with: the newest active key signs, the current and the previous
 * one verify and are published in the JWKS. Private keys are kept in the store sealed under the
 * master key, so every instance of a deployment signs with the same keys. A rotation is announced on
 * {@link SigningKeysChanged}; when the keys in hand are read again is {@link ActiveKeys}' business.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final int PUBLISHED = ActiveKeys.PUBLISHED;

    private final SigningKeyStore store;
    private final SigningKeyVault vault;
    private final SigningKeysChanged changed;
    private final Clock clock;
    private final ActiveKeys active;

    private SigningKeys(SigningKeyStore store, SigningKeyVault vault, SigningKeysChanged changed, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.changed = changed;
        this.clock = clock;
        this.active = new ActiveKeys(store, vault, clock);
    }

    /** {@link #loadOrCreate(SigningKeyStore, SecretBox, Clock, Ids, SigningKeysChanged)} for one process. */
    public static SigningKeys loadOrCreate(SigningKeyStore store, SecretBox box, Clock clock, Ids ids) {
        return loadOrCreate(store, box, clock, ids, SigningKeysChanged.inProcess());
    }

    /**
     * Loads the keys, generating and storing the first one on a deployment's first start, and listens
     * on {@code changed} for rotations by other instances.
     */
    public static SigningKeys loadOrCreate(
            SigningKeyStore store, SecretBox box, Clock clock, Ids ids, SigningKeysChanged changed) {
        SigningKeys keys = new SigningKeys(store, new SigningKeyVault(box, clock, ids), changed, clock);
        if (store.listActive().isEmpty()) {
            // Instances of a fleet started together on an empty database: one first key, not one each
            // (the others would not know it, and refuse its tokens).
            StoredSigningKey first = keys.vault.generate();
            if (store.insertIfNewest(null, first)) {
                log.info("Generated signing key {}", first.kid());
            }
        }
        // Listening before the first read: a rotation in between is then in the read, or heard after it.
        changed.subscribe(keys.active::heard);
        changed.onMissedNews(keys.active::markStale);
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
            box.open(newest.sealedPrivateJwk(), SigningKeyVault.context(newest.kid()));
            return true;
        } catch (IllegalStateException sealedUnderAnotherKey) {
            return false;
        }
    }

    /** Generates a new key and stores it; it signs from the next {@link #reload()}. */
    public String addNewKey() {
        StoredSigningKey key = vault.generate();
        store.insert(key);
        log.info("Generated signing key {}", key.kid());
        return key.kid();
    }

    /**
     * Makes a new key current: it signs from now on, the key it replaces still verifies (tokens it
     * signed live on until they expire), and every older key is retired. Every instance is told. The
     * new key's id.
     */
    public synchronized String rotate() {
        String kid = addNewKey();
        retireOld();
        reload();
        announce(kid);
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
        StoredSigningKey next = vault.generate();
        if (!store.insertIfNewest(newest.kid(), next)) {
            log.info("Signing key already rotated by another instance");
            reload();
            return false;
        }
        log.info("Generated signing key {}", next.kid());
        retireOld();
        reload();
        announce(next.kid());
        return true;
    }

    private void retireOld() {
        List<StoredSigningKey> all = store.listActive();
        for (StoredSigningKey old : all.subList(Math.min(PUBLISHED, all.size()), all.size())) {
            store.retire(old.kid(), clock.instant());
            log.info("Retired signing key {}", old.kid());
        }
    }

    private void announce(String kid) {
        try {
            changed.publish(kid);
        } catch (RuntimeException e) {
            // The key is stored and signs here; the others publish it within a second (ActiveKeys) and read
            // it at its first token. Failing the rotation instead would answer an error for a rotation made.
            log.warn(
                    "Could not tell the other instances of signing key {} ({}); they read it from the store",
                    kid,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Reads the keys again when a token names a key this instance does not know, at most once a second:
     * another instance may have rotated.
     */
    void reloadForUnknownKey(String kid) {
        active.readForUnknownKey(kid);
    }

    /** Reads the active keys from the store again. */
    public void reload() {
        active.reload();
    }

    /** The key that signs new tokens. */
    public ECKey current() {
        return signingKey().key();
    }

    /** The key that signs new tokens with its signer: one value, so a token's kid names its signer. */
    ActiveKey signingKey() {
        return active.inHand().get(0);
    }

    /** The public key of {@code kid}, if it is one of the keys that still verify. */
    public Optional<ECKey> verificationKey(String kid) {
        return ActiveKeys.find(active.inHand(), kid).map(k -> k.key().toPublicJWK());
    }

    /** True while {@code kid} is one of the keys that verify. */
    public boolean verifies(String kid) {
        return ActiveKeys.find(active.inHand(), kid).isPresent();
    }

    /** The verifier of {@code kid}, if it is one of the keys that still verify. */
    Optional<JWSVerifier> verifier(String kid) {
        return ActiveKeys.find(active.inHand(), kid).map(ActiveKey::verifier);
    }

    /**
     * The JWK Set of the current and previous public keys, as a JSON object: as the store held them at
     * most a second ago, so every instance publishes a new key as soon as it is stored.
     */
    public Map<String, Object> publicJwks() {
        return new JWKSet(active.published().stream()
                        .map(k -> (JWK) k.key().toPublicJWK())
                        .toList())
                .toJSONObject(true);
    }
}
