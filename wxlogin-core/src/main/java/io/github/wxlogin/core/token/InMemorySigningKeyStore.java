package io.github.wxlogin.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list-backed {@link SigningKeyStore} for tests: newest first, as the interface promises. Counts
 * inserts so a test can tell whether a key was generated.
 */
public final class InMemorySigningKeyStore implements SigningKeyStore {

    private final List<StoredSigningKey> keys = new ArrayList<>();
    private final List<String> retired = new ArrayList<>();
    private int inserts;

    @Override
    public synchronized List<StoredSigningKey> listActive() {
        return keys.stream().filter(k -> k.retiredAt().isEmpty()).toList();
    }

    @Override
    public synchronized void insert(StoredSigningKey key) {
        keys.add(0, key);
        inserts++;
    }

    @Override
    public synchronized boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
        List<StoredSigningKey> active = listActive();
        String newest = active.isEmpty() ? null : active.get(0).kid();
        if (!java.util.Objects.equals(newest, expectedNewestKid)) {
            return false;
        }
        insert(key);
        return true;
    }

    public synchronized int inserts() {
        return inserts;
    }

    public synchronized List<StoredSigningKey> all() {
        return List.copyOf(keys);
    }

    /** Marks a key retired: {@link #listActive()} no longer lists it; {@link #all()} still does. */
    @Override
    public synchronized void retire(String kid, Instant at) {
        keys.replaceAll(k -> k.kid().equals(kid)
                ? new StoredSigningKey(k.kid(), k.algorithm(), k.sealedPrivateJwk(), k.publicJwk(), k.createdAt(),
                        Optional.of(at))
                : k);
        retired.add(kid);
    }

    /** The kids retired, in order. */
    public synchronized List<String> retired() {
        return List.copyOf(retired);
    }
}
