package io.github.wxlogin.core.session;

import io.github.wxlogin.core.token.TokenSubject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One login session on one device: the {@code sid} of its access tokens, its app, and the refresh
 * tokens that keep it going. It is live until it expires or is ended.
 */
public record SessionRecord(
        String id,
        String userId,
        String appId,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Optional<String> userAgent,
        Optional<String> clientIp,
        Optional<Instant> endedAt)
        implements TokenSubject {

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    @Override
    public String sessionId() {
        return id;
    }

    public boolean isLive(Instant now) {
        return endedAt.isEmpty() && now.isBefore(expiresAt);
    }

    /** The session after a refresh: its new expiry, used now, by this client (what it does not say is kept). */
    public SessionRecord renewed(
            Instant expiresAt, Instant now, Optional<String> userAgent, Optional<String> clientIp) {
        return new SessionRecord(
                id,
                userId,
                appId,
                createdAt,
                expiresAt,
                now,
                userAgent.or(() -> this.userAgent),
                clientIp.or(() -> this.clientIp),
                endedAt);
    }

    public SessionRecord endedAt(Instant at) {
        return new SessionRecord(
                id, userId, appId, createdAt, expiresAt, lastUsedAt, userAgent, clientIp, Optional.of(at));
    }

    public SessionRecord usedAt(Instant at) {
        return new SessionRecord(id, userId, appId, createdAt, expiresAt, at, userAgent, clientIp, endedAt);
    }
}
