package io.github.wxlogin.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list-backed {@link SigningKeyStore} for tests: newest first, as the interface promises. Counts
 * inserts so a test can tell whether a key was generated.
 */
public final class InMemorySigningKeyStore implements SigningKeyStore {

    private final List<StoredSigningKey> keys = new ArrayList<>();
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

    public synchronized int inserts() {
        return inserts;
    }

    public synchronized List<StoredSigningKey> all() {
        return List.copyOf(keys);
    }

    /** Marks a key retired, as an operator's rotation job would. */
    public synchronized void retire(String kid, java.time.Instant at) {
        keys.replaceAll(k -> k.kid().equals(kid)
                ? new StoredSigningKey(k.kid(), k.algorithm(), k.sealedPrivateJwk(), k.publicJwk(), k.createdAt(),
                        Optional.of(at))
                : k);
    }
}
