package io.github.wxlogin.core.user;

import java.time.Instant;

/**
 * Replaces an identity's current session_key outside a login (an administrator's reset, WeChat's
 * {@code resetusersessionkey}): the key it replaces becomes the previous one, kept for the same grace
 * as after a login that rotated the key.
 */
public interface SessionKeyRotation {

    /**
     * Stores {@code key} as the identity's current session_key, changed at {@code now}; false when the
     * identity is gone.
     */
    boolean rotateSessionKey(String appId, String openid, SessionKeyVault.Sealed key, Instant now);
}
