package io.github.wxlogin.core.audit;

/** {@link AuditLogContract} on {@link InMemoryAuditLog}. */
class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
