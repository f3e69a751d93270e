package io.github.wxlogin.core.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The sealed session_keys of one identity: the current one, the one it replaced (if any), and when
 * the current one arrived. {@link #toString()} shows none of them.
 */
public record StoredSessionKeys(
        String appId, String openid, String sealedCurrent, Optional<String> sealedPrevious, Instant changedAt) {

    public StoredSessionKeys {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(sealedCurrent, "sealedCurrent");
        Objects.requireNonNull(sealedPrevious, "sealedPrevious");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** False for an identity of a platform without session keys ({@code SessionKeyVault.Sealed#NONE}). */
    public boolean hasKey() {
        return !sealedCurrent.isEmpty();
    }

    @Override
    public String toString() {
        return "StoredSessionKeys[appId=" + appId + ", openid=" + openid + ", keys=***, changedAt=" + changedAt + "]";
    }
}
