package io.github.wxlogin.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys in one process's memory, with the semantics of the JDBC store: kids are unique, keys
 * are listed newest first by creation time, and every method is synchronized, so
 * {@link #insertIfNewest} is atomic. Of keys created at the same instant, the one inserted last is
 * the newest (the JDBC store orders those by kid instead). Keys are never deleted; a retired key keeps
 * its first retirement time. Nothing survives the process: a restart makes new keys, and every access
 * token signed before it stops verifying. For a single instance, development and tests.
 */
public final class InMemorySigningKeyStore implements SigningKeyStore {

    private static final Comparator<StoredSigningKey> NEWEST_FIRST =
            Comparator.comparing(StoredSigningKey::createdAt).reversed();

    /** Newest first; a stable sort keeps the latest insert first among keys of one creation time. */
    private final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized List<StoredSigningKey> listActive() {
        return keys.stream().filter(k -> k.retiredAt().isEmpty()).toList();
    }

    /** @throws IllegalStateException when a key with this kid is stored (nothing changes then) */
    @Override
    public synchronized void insert(StoredSigningKey key) {
        if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
            throw new IllegalStateException("duplicate kid " + key.kid());
        }
        keys.add(0, key);
        keys.sort(NEWEST_FIRST);
    }

    @Override
    public synchronized boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
        String newest =
                listActive().stream().findFirst().map(StoredSigningKey::kid).orElse(null);
        if (!Objects.equals(newest, expectedNewestKid)) {
            return false;
        }
        insert(key);
        return true;
    }

    /** Retires an active key at {@code at}; a retired or unknown kid changes nothing. */
    @Override
    public synchronized void retire(String kid, Instant at) {
        keys.replaceAll(k -> k.kid().equals(kid) && k.retiredAt().isEmpty()
                ? new StoredSigningKey(
                        k.kid(), k.algorithm(), k.sealedPrivateJwk(), k.publicJwk(), k.createdAt(), Optional.of(at))
                : k);
    }

    /** Every key, retired ones too, newest first. */
    public synchronized List<StoredSigningKey> all() {
        return List.copyOf(keys);
    }
}
