package io.github.wxlogin.core.user;

import java.util.Optional;

/** Reads the sealed session_keys a login stored. */
public interface SessionKeyStore {

    Optional<StoredSessionKeys> find(String userId, String appId);
}
