package io.github.wxlogin.core.audit;

import io.github.wxlogin.core.client.ClientInfo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One security event: what, when, about whom, from where. {@code detail} is a short reason in plain
 * words (such as "logout" or "disabled by an administrator"); never a token, key or secret.
 */
public record AuditEvent(
        String id,
        AuditType type,
        Instant at,
        Optional<String> userId,
        Optional<String> sessionId,
        Optional<String> appId,
        ClientInfo client,
        Optional<String> detail) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(detail, "detail");
        detail = detail.map(d -> d.length() > 200 ? d.substring(0, 200) : d);
    }
}
