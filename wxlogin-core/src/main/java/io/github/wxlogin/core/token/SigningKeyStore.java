package io.github.wxlogin.core.token;

import java.util.List;

/** Where the deployment's signing keys live, shared by every instance. */
public interface SigningKeyStore {

    /** Every key not yet retired, newest first. */
    List<StoredSigningKey> listActive();

    void insert(StoredSigningKey key);

    /**
     * Inserts {@code key} only while {@code expectedNewestKid} is still the newest active key, atomically
     * across every instance; false (nothing written) when another rotation came first. A null
     * {@code expectedNewestKid} inserts only while there is no active key at all (the first key).
     */
    boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key);

    /** Retires a key: it no longer verifies anything. */
    void retire(String kid, java.time.Instant at);
}
