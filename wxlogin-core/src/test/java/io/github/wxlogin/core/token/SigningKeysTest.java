package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class SigningKeysTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final Ids ids = new Ids();
    private final byte[] masterKey = randomKey();
    private final SecretBox box = new SecretBox(masterKey);
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();

    @Test
    void loadOrCreateGeneratesExactlyOneKeyInAnEmptyStore() {
        SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);

        assertThat(store.all()).hasSize(1);
        StoredSigningKey stored = store.all().get(0);
        assertThat(keys.current().getKeyID()).isEqualTo(stored.kid());
        assertThat(stored.algorithm()).isEqualTo("ES256");
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
        assertThat(stored.retiredAt()).isEmpty();
    }

    @Test
    void twoInstancesStartingOnAnEmptyStoreAgreeOnOneFirstKey() {
        SigningKeys other = SigningKeys.loadOrCreate(store, box, clock, ids);
        // This instance looked before the other's key was there, and inserts after.
        SigningKeyStore lateLooker = new SigningKeyStore() {
            private boolean looked;

            @Override
            public java.util.List<StoredSigningKey> listActive() {
                if (!looked) {
                    looked = true;
                    return java.util.List.of();
                }
                return store.listActive();
            }

            @Override
            public void insert(StoredSigningKey key) {
                store.insert(key);
            }

            @Override
            public boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
                return store.insertIfNewest(expectedNewestKid, key);
            }

            @Override
            public void retire(String kid, java.time.Instant at) {
                store.retire(kid, at);
            }
        };

        SigningKeys keys = SigningKeys.loadOrCreate(lateLooker, box, clock, ids);

        assertThat(store.all()).hasSize(1);
        assertThat(keys.current().getKeyID()).isEqualTo(other.current().getKeyID());
    }

    @Test
    void loadOrCreateGeneratesNoKeyWhenOneExists() {
        SigningKeys first = SigningKeys.loadOrCreate(store, box, clock, ids);

        SigningKeys second = SigningKeys.loadOrCreate(store, box, clock, ids);

        assertThat(store.all()).hasSize(1);
        assertThat(second.current().getKeyID()).isEqualTo(first.current().getKeyID());
        assertThat(second.current()).isEqualTo(first.current());
    }

    @Test
    void theStoredPrivateKeyIsSealedNotJson() {
        SigningKeys.loadOrCreate(store, box, clock, ids);
        StoredSigningKey stored = store.all().get(0);

        assertThat(stored.sealedPrivateJwk()).doesNotContain("\"d\"").doesNotContain("{");
        assertThatThrownBy(() -> JSON.readTree(stored.sealedPrivateJwk())).isInstanceOf(JacksonException.class);
        assertThat(stored.publicJwk()).doesNotContain("\"d\"");
        assertThat(stored.toString()).doesNotContain(stored.sealedPrivateJwk()).doesNotContain(stored.publicJwk());
    }

    @Test
    void aStoreSealedUnderAnotherMasterKeyDoesNotLoad() {
        SigningKeys.loadOrCreate(store, box, clock, ids);

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(store, new SecretBox(randomKey()), clock, ids))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void opensWithTellsWhetherAMasterKeyOpensTheStoredKeysWithoutWritingAny() {
        assertThat(SigningKeys.opensWith(store.listActive(), new SecretBox(randomKey())))
                .as("empty store")
                .isTrue();
        assertThat(store.all()).isEmpty();

        SigningKeys.loadOrCreate(store, box, clock, ids);

        assertThat(SigningKeys.opensWith(store.listActive(), new SecretBox(masterKey.clone())))
                .isTrue();
        assertThat(SigningKeys.opensWith(store.listActive(), new SecretBox(randomKey())))
                .isFalse();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void publicJwksHoldNoPrivateParts() {
        SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);
        keys.addNewKey();
        keys.reload();

        List<Map<String, Object>> published = jwks(keys);

        assertThat(published).hasSize(2);
        for (Map<String, Object> jwk : published) {
            assertThat(jwk).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "k");
            assertThat(jwk)
                    .containsEntry("kty", "EC")
                    .containsEntry("crv", "P-256")
                    .containsEntry("use", "sig")
                    .containsEntry("alg", "ES256")
                    .containsKeys("kid", "x", "y");
        }
        assertThat(JSON.writeValueAsString(keys.publicJwks())).doesNotContain("\"d\"");
    }

    @Test
    void atMostTheCurrentAndThePreviousKeyArePublished() {
        SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);
        String first = keys.current().getKeyID();
        clock.advance(Duration.ofDays(30));
        keys.addNewKey();
        clock.advance(Duration.ofDays(30));
        keys.addNewKey();
        clock.advance(Duration.ofDays(30));
        keys.addNewKey();

        keys.reload();

        List<String> storedNewestFirst =
                store.all().stream().map(StoredSigningKey::kid).toList();
        assertThat(storedNewestFirst).hasSize(4);
        assertThat(jwks(keys))
                .extracting(k -> k.get("kid"))
                .containsExactly(storedNewestFirst.get(0), storedNewestFirst.get(1));
        assertThat(keys.verificationKey(first)).isEmpty();
        assertThat(keys.verificationKey(storedNewestFirst.get(1))).isPresent();
    }

    @Test
    void theNewestKeySignsOnceReloaded() {
        SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);
        String old = keys.current().getKeyID();
        clock.advance(Duration.ofDays(1));

        keys.addNewKey();

        assertThat(keys.current().getKeyID()).as("before reload").isEqualTo(old);
        keys.reload();
        String newest = store.all().get(0).kid();
        assertThat(newest).isNotEqualTo(old);
        assertThat(keys.current().getKeyID()).isEqualTo(newest);
        assertThat(keys.verificationKey(old))
                .as("the previous key still verifies")
                .isPresent();
    }

    @Test
    void anotherInstanceOnTheSameStoreSignsWithTheSameKey() {
        SigningKeys one = SigningKeys.loadOrCreate(store, box, clock, ids);
        SigningKeys two = SigningKeys.loadOrCreate(store, new SecretBox(masterKey.clone()), clock, ids);

        assertThat(two.current().toJSONString()).isEqualTo(one.current().toJSONString());
    }

    @Test
    void verificationKeysArePublicOnly() {
        SigningKeys keys = SigningKeys.loadOrCreate(store, box, clock, ids);

        ECKey key = keys.verificationKey(keys.current().getKeyID()).orElseThrow();

        assertThat(key.isPrivate()).isFalse();
        assertThat(keys.verificationKey("no-such-kid")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jwks(SigningKeys keys) {
        return (List<Map<String, Object>>) keys.publicJwks().get("keys");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
