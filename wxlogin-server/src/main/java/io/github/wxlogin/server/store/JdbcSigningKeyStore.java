package io.github.wxlogin.server.store;

import io.github.wxlogin.core.token.SigningKeyStore;
import io.github.wxlogin.core.token.StoredSigningKey;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SigningKeyStore} over JDBC. */
public final class JdbcSigningKeyStore implements SigningKeyStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public JdbcSigningKeyStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = DeferringJdbcClient.around(jdbc);
        this.tx = tx;
    }

    /**
     * Updating the lock row first serialises concurrent rotations across instances; the newest key is
     * read after the lock is held, so it sees a rotation that committed while this one waited.
     */
    @Override
    public boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            jdbc.sql("UPDATE wx_locks SET counter = counter + 1 WHERE name = 'signing-keys'")
                    .update();
            String newest = jdbc.sql("SELECT kid FROM wx_signing_keys WHERE retired_at IS NULL "
                            + "ORDER BY created_at DESC, kid DESC LIMIT 1")
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (!java.util.Objects.equals(expectedNewestKid, newest)) {
                return false;
            }
            insert(key);
            return true;
        }));
    }

    @Override
    public List<StoredSigningKey> listActive() {
        return jdbc.sql("SELECT * FROM wx_signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid DESC")
                .query((rs, row) -> new StoredSigningKey(
                        rs.getString("kid"),
                        rs.getString("algorithm"),
                        rs.getString("private_jwk_sealed"),
                        rs.getString("public_jwk"),
                        Millis.instant(rs.getLong("created_at")),
                        Millis.optional(rs, "retired_at")))
                .list();
    }

    @Override
    public void retire(String kid, java.time.Instant at) {
        jdbc.sql("UPDATE wx_signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL")
                .params(Millis.of(at), kid)
                .update();
    }

    @Override
    public void insert(StoredSigningKey key) {
        jdbc.sql("""
                INSERT INTO wx_signing_keys (kid, algorithm, private_jwk_sealed, public_jwk, created_at, retired_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        key.kid(),
                        key.algorithm(),
                        key.sealedPrivateJwk(),
                        key.publicJwk(),
                        Millis.of(key.createdAt()),
                        key.retiredAt().map(Millis::of).orElse(null))
                .update();
    }
}
