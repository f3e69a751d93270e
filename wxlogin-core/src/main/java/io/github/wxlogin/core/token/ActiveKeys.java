package io.github.wxlogin.core.token;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys in hand that sign and verify (the newest {@value #PUBLISHED} active keys of the store), and
 * when they are read from the store again. A new key must be known everywhere as soon as it is stored:
 * other backends fetch the JWKS from any instance, and a token the new key signed may reach any
 * instance. So the keys are read again:
 *
 * <ul>
 *   <li>before their next use, after news that another instance rotated ({@link #heard}), or that such
 *       news may have been missed ({@link #markStale});
 *   <li>for the JWKS, when they were read more than {@link #JWKS_FRESH} ago, so an instance that missed
 *       the news still publishes a new key within that;
 *   <li>when a token names a key not in hand, at most once per {@link #UNKNOWN_KID_READS}: a flood of
 *       made-up kids costs the store one read a second;
 *   <li>whenever {@link #reload()} is called (a rotation, a scheduled check).
 * </ul>
 *
 * <p>Signing and verifying never wait for the store: when another thread is reading, they use the keys
 * in hand. A read the news or the JWKS asked for that fails is logged, the keys in hand are kept, and it
 * is tried again {@link #RETRY} later at the earliest. A key in hand is not opened again.
 */
final class ActiveKeys {

    private static final Logger log = LoggerFactory.getLogger(ActiveKeys.class);
    static final int PUBLISHED = 2;
    static final Duration JWKS_FRESH = Duration.ofSeconds(1);
    static final Duration UNKNOWN_KID_READS = Duration.ofSeconds(1);
    static final Duration RETRY = Duration.ofSeconds(1);

    /** An active key with its signer and verifier, built once. */
    record ActiveKey(ECKey key, JWSSigner signer, JWSVerifier verifier) {
        static ActiveKey of(ECKey key) {
            return new ActiveKey(key, EcProvider.signer(key), EcProvider.verifier(key));
        }

        String kid() {
            return key.getKeyID();
        }
    }

    private final SigningKeyStore store;
    private final SigningKeyVault vault;
    private final Clock clock;
    /** One read of the store at a time: a thread that waited finds what it wanted already read. */
    private final ReentrantLock reading = new ReentrantLock();

    private volatile List<ActiveKey> keys = List.of();
    /** Another instance rotated, or news of it may have been missed: read the store before the next use. */
    private volatile boolean stale;

    private volatile Instant readAt = Instant.EPOCH;
    private volatile Instant failedAt = Instant.EPOCH;
    private volatile Instant unknownKidReadAt = Instant.EPOCH;

    ActiveKeys(SigningKeyStore store, SigningKeyVault vault, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.clock = clock;
    }

    /** News that {@code kid} became current elsewhere, on the channel's thread: noted, read at the next use. */
    void heard(String kid) {
        if (find(keys, kid).isEmpty()) {
            stale = true;
        }
    }

    /** News may have been missed: read the store before the next use. */
    void markStale() {
        stale = true;
    }

    /** Reads the active keys from the store; a failure is thrown, and the keys in hand kept. */
    void reload() {
        reading.lock();
        boolean wasStale = stale;
        // News that arrives during the read marks the keys stale again.
        stale = false;
        try {
            Instant started = clock.instant();
            List<ActiveKey> loaded = new ArrayList<>();
            for (StoredSigningKey stored : store.listActive()) {
                loaded.add(find(keys, stored.kid()).orElseGet(() -> ActiveKey.of(vault.open(stored))));
                if (loaded.size() == PUBLISHED) {
                    break;
                }
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no active signing key");
            }
            keys = List.copyOf(loaded);
            readAt = started;
        } catch (RuntimeException e) {
            stale = stale || wasStale;
            throw e;
        } finally {
            reading.unlock();
        }
    }

    /**
     * Reads the store for a key a token names that is not in hand, unless another read in the last
     * {@link #UNKNOWN_KID_READS} was for the same reason: another instance may have just rotated. A
     * failure is thrown.
     */
    void readForUnknownKey(String kid) {
        reading.lock();
        try {
            if (find(keys, kid).isPresent() || !due(unknownKidReadAt, UNKNOWN_KID_READS)) {
                return;
            }
            unknownKidReadAt = clock.instant();
            reload();
        } finally {
            reading.unlock();
        }
    }

    /** The keys in hand, newest first, read again first after news (unless another thread is reading). */
    List<ActiveKey> inHand() {
        if (stale && reading.tryLock()) {
            try {
                readQuietly(() -> stale);
            } finally {
                reading.unlock();
            }
        }
        return keys;
    }

    /** The keys to publish: as the store held them at most {@link #JWKS_FRESH} ago, or when last read. */
    List<ActiveKey> published() {
        BooleanSupplier due = () -> stale || due(readAt, JWKS_FRESH);
        if (due.getAsBoolean()) {
            readQuietly(due);
        }
        return keys;
    }

    /** Reads the keys again if {@code due} still holds once the lock is taken; a failure is logged. */
    private void readQuietly(BooleanSupplier due) {
        reading.lock();
        try {
            if (due.getAsBoolean() && due(failedAt, RETRY)) {
                reload();
            }
        } catch (RuntimeException e) {
            failedAt = clock.instant();
            log.warn(
                    "Could not read the signing keys ({}); keeping those read at {}",
                    e.getClass().getSimpleName(),
                    readAt);
        } finally {
            reading.unlock();
        }
    }

    private boolean due(Instant last, Duration every) {
        Instant now = clock.instant();
        // A clock set back makes it due, rather than never.
        return now.isBefore(last) || !now.isBefore(last.plus(every));
    }

    static Optional<ActiveKey> find(List<ActiveKey> keys, String kid) {
        for (ActiveKey k : keys) {
            if (k.kid().equals(kid)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
