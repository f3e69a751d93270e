package io.github.wxlogin.server.store;

import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.session.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SessionStoreContract} on {@link JdbcSessionStore}, on this run's database. */
class JdbcSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Override
    protected SessionStore newStore() {
        return new JdbcSessionStore(db.jdbc(), db.tx());
    }

    /** A session refers to its user (fk_sessions_user): the bare row a first login writes. */
    @Override
    protected void givenUser(String userId) {
        db.jdbc()
                .sql("INSERT INTO wx_users (id, disabled, created_at, updated_at) VALUES (?, ?, ?, ?)")
                .params(userId, false, Millis.of(T0), Millis.of(T0))
                .update();
    }
}
