package io.github.wxlogin.core.user;

import io.github.wxlogin.core.crypto.SecretBox;

/**
 * Seals session_keys for storage under the master key, bound to the identity they belong to, so a
 * sealed key copied onto another identity's row does not open.
 */
public final class SessionKeyVault {

    private final SecretBox box;

    public SessionKeyVault(SecretBox box) {
        this.box = box;
    }

    public String seal(String appId, String openid, String sessionKey) {
        return box.seal(sessionKey, context(appId, openid));
    }

    /** Tells whether a new session_key is the one already stored, without opening the stored one. */
    public String fingerprint(String appId, String openid, String sessionKey) {
        return box.fingerprint(sessionKey, context(appId, openid));
    }

    public String open(String appId, String openid, String sealed) {
        return box.open(sealed, context(appId, openid));
    }

    private static String context(String appId, String openid) {
        return "session_key:" + appId + ":" + openid;
    }
}
