package io.github.wxlogin.server.store;

import io.github.wxlogin.core.user.GuestStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GuestStoreContract} on {@link JdbcUserStore}, on this run's database. */
class JdbcGuestStoreTest extends GuestStoreContract<JdbcUserStore> {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Override
    protected JdbcUserStore newStore() {
        return new JdbcUserStore(db.jdbc(), db.tx());
    }
}
