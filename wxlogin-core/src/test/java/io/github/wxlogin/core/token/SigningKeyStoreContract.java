package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link SigningKeyStore}. Each backend's test extends this class and says how to make
 * a fresh, empty store, so every backend answers the same tests.
 */
public abstract class SigningKeyStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final int THREADS = 8;

    private SigningKeyStore store;

    /** A new, empty store; called before each test. */
    protected abstract SigningKeyStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void anEmptyStoreHasNoActiveKey() {
        assertThat(store.listActive()).isEmpty();
    }

    @Test
    void activeKeysAreListedWholeAndNewestFirstWhateverTheOrderTheyCameIn() {
        StoredSigningKey first = key("k_1", T0);
        StoredSigningKey second = key("k_2", T0.plusSeconds(1));
        StoredSigningKey third = key("k_3", T0.plusSeconds(2));

        store.insert(second);
        store.insert(third);
        store.insert(first);

        assertThat(store.listActive()).containsExactly(third, second, first);
    }

    @Test
    void aKidIsUniqueAndATakenOneChangesNothing() {
        StoredSigningKey original = key("k_1", T0);
        store.insert(original);

        assertThatThrownBy(() -> store.insert(key("k_1", T0.plusSeconds(1)))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.insertIfNewest("k_1", key("k_1", T0.plusSeconds(2))))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.listActive()).containsExactly(original);
    }

    @Test
    void aRetiredKeyIsNoLongerActive() {
        store.insert(key("k_1", T0));
        store.insert(key("k_2", T0.plusSeconds(1)));

        store.retire("k_1", T0.plusSeconds(2));
        store.retire("k_1", T0.plusSeconds(3));
        store.retire("k_nowhere", T0.plusSeconds(3));

        assertThat(store.listActive()).extracting(StoredSigningKey::kid).containsExactly("k_2");
    }

    @Test
    void aKeyStoredRetiredIsNotActive() {
        store.insert(new StoredSigningKey(
                "k_1", "ES256", "sealed_k_1", "{\"kid\":\"k_1\"}", T0, Optional.of(T0.plusSeconds(1))));

        assertThat(store.listActive()).isEmpty();
    }

    @Test
    void theFirstKeyIsInsertedOnlyIntoAStoreWithoutActiveKeys() {
        assertThat(store.insertIfNewest(null, key("k_1", T0))).isTrue();

        assertThat(store.insertIfNewest(null, key("k_2", T0.plusSeconds(1)))).isFalse();

        assertThat(store.listActive()).extracting(StoredSigningKey::kid).containsExactly("k_1");
    }

    @Test
    void aKeyIsInsertedOnlyWhileTheExpectedKeyIsTheNewest() {
        store.insert(key("k_1", T0));

        assertThat(store.insertIfNewest("k_1", key("k_2", T0.plusSeconds(1)))).isTrue();
        assertThat(store.insertIfNewest("k_1", key("k_3", T0.plusSeconds(2))))
                .as("k_2 came first")
                .isFalse();
        assertThat(store.insertIfNewest("k_nowhere", key("k_4", T0.plusSeconds(2))))
                .isFalse();

        assertThat(store.listActive()).extracting(StoredSigningKey::kid).containsExactly("k_2", "k_1");
    }

    @Test
    void theNewestKeyIsTheNewestActiveOne() {
        store.insert(key("k_1", T0));
        store.insert(key("k_2", T0.plusSeconds(1)));
        store.retire("k_2", T0.plusSeconds(2));

        assertThat(store.insertIfNewest("k_2", key("k_3", T0.plusSeconds(3))))
                .as("k_2 is retired")
                .isFalse();
        assertThat(store.insertIfNewest("k_1", key("k_3", T0.plusSeconds(3)))).isTrue();

        store.retire("k_1", T0.plusSeconds(4));
        store.retire("k_3", T0.plusSeconds(4));
        assertThat(store.insertIfNewest(null, key("k_4", T0.plusSeconds(5))))
                .as("no active key left")
                .isTrue();
        assertThat(store.listActive()).extracting(StoredSigningKey::kid).containsExactly("k_4");
    }

    @Test
    void ofConcurrentRotationsFromOneNewestKeyExactlyOneInserts() throws Exception {
        store.insert(key("k_0", T0));

        List<Boolean> results = Concurrently.run(
                THREADS,
                Duration.ofSeconds(30),
                i -> store.insertIfNewest("k_0", key("k_new_" + i, T0.plusSeconds(60))));

        assertThat(results).filteredOn(inserted -> inserted).hasSize(1);
        assertThat(store.listActive())
                .extracting(StoredSigningKey::kid)
                .containsExactly("k_new_" + results.indexOf(true), "k_0");
    }

    @Test
    void ofConcurrentFirstKeysExactlyOneIsInserted() throws Exception {
        List<Boolean> results = Concurrently.run(
                THREADS, Duration.ofSeconds(30), i -> store.insertIfNewest(null, key("k_first_" + i, T0)));

        assertThat(results).filteredOn(inserted -> inserted).hasSize(1);
        assertThat(store.listActive())
                .extracting(StoredSigningKey::kid)
                .containsExactly("k_first_" + results.indexOf(true));
    }

    private static StoredSigningKey key(String kid, Instant createdAt) {
        return new StoredSigningKey(
                kid,
                "ES256",
                "sealed_" + kid + "_" + createdAt.toEpochMilli(),
                "{\"kty\":\"EC\",\"kid\":\"" + kid + "\"}",
                createdAt,
                Optional.empty());
    }
}
