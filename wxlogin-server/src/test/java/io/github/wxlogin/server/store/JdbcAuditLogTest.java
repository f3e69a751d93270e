package io.github.wxlogin.server.store;

import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuditLogContract} on {@link JdbcAuditLog}, on this run's database. */
class JdbcAuditLogTest extends AuditLogContract {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Override
    protected AuditLog newLog() {
        return new JdbcAuditLog(db.jdbc());
    }
}
