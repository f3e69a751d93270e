package io.github.wxlogin.server.store;

import io.github.wxlogin.core.user.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link UserStoreContract} on {@link JdbcUserStore}, on this run's database. */
class JdbcUserStoreTest extends UserStoreContract<JdbcUserStore> {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Override
    protected JdbcUserStore newStore() {
        return new JdbcUserStore(db.jdbc(), db.tx());
    }
}
