package io.github.wxlogin.core.session;

import java.util.Optional;

/** Where sessions and their refresh tokens live. */
public interface SessionStore {

    /** Stores a new session and its first refresh token together, or neither. */
    void create(SessionRecord session, RefreshTokenRecord firstRefreshToken);

    Optional<SessionRecord> find(String sessionId);
}
