package io.github.wxlogin.server.store;

import io.github.wxlogin.core.token.SigningKeyStore;
import io.github.wxlogin.core.token.SigningKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SigningKeyStoreContract} on {@link JdbcSigningKeyStore}, on this run's database. */
class JdbcSigningKeyStoreTest extends SigningKeyStoreContract {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Override
    protected SigningKeyStore newStore() {
        return new JdbcSigningKeyStore(db.jdbc(), db.tx());
    }
}
