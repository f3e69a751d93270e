package io.github.wxlogin.server.store;

import io.github.wxlogin.core.token.SigningKeyStore;
import io.github.wxlogin.core.token.StoredSigningKey;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SigningKeyStore} over JDBC. */
public final class JdbcSigningKeyStore implements SigningKeyStore {

    private final JdbcClient jdbc;

    public JdbcSigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StoredSigningKey> listActive() {
        return jdbc.sql("SELECT * FROM wx_signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid DESC")
                .query((rs, row) -> new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getString("private_jwk_sealed"), rs.getString("public_jwk"),
                        Millis.instant(rs.getLong("created_at")), Millis.optional(rs.getObject("retired_at", Long.class))))
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
                .params(key.kid(), key.algorithm(), key.sealedPrivateJwk(), key.publicJwk(),
                        Millis.of(key.createdAt()), key.retiredAt().map(Millis::of).orElse(null))
                .update();
    }
}
