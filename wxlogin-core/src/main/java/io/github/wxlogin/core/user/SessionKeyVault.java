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

    /**
     * A session_key sealed for storage, and its fingerprint: how the store tells whether a new
     * session_key is the one already stored, without opening the stored one.
     */
    public record Sealed(String value, String fingerprint) {

        /**
         * No session_key at all (a platform that has none, such as Alipay): stored as two empty strings,
         * which no sealed key and no fingerprint ever is, so nothing is sealed and nothing can be opened.
         */
        public static final Sealed NONE = new Sealed("", "");

        public boolean isNone() {
            return value.isEmpty();
        }

        @Override
        public String toString() {
            return "Sealed[fingerprint=" + fingerprint + "]";
        }
    }

    public Sealed seal(String appId, String openid, String sessionKey) {
        String context = context(appId, openid);
        return new Sealed(box.seal(sessionKey, context), box.fingerprint(sessionKey, context));
    }

    public String open(String appId, String openid, String sealed) {
        return box.open(sealed, context(appId, openid));
    }

    private static String context(String appId, String openid) {
        return "session_key:" + appId + ":" + openid;
    }
}
