package io.github.wxlogin.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What a successful code exchange says about a user, for {@link UserStore#recordLogin}: the app and its
 * open-platform group, the openid and unionid, the session_key already sealed for storage with its
 * keyed fingerprint (so a store can tell a rotated key from the same one again), and the id
 * to give the user if this login has to create one.
 */
public record IdentityClaim(
        String appId,
        Optional<String> group,
        String openid,
        Optional<String> unionid,
        String sealedSessionKey,
        String sessionKeyFingerprint,
        String newUserId) {

    public IdentityClaim {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(unionid, "unionid");
        Objects.requireNonNull(sealedSessionKey, "sealedSessionKey");
        Objects.requireNonNull(sessionKeyFingerprint, "sessionKeyFingerprint");
        Objects.requireNonNull(newUserId, "newUserId");
    }

    /** The unionid joins users only inside a group: an app without one never shares users. */
    public Optional<String> groupUnionid() {
        return group.isPresent() ? unionid : Optional.empty();
    }

    @Override
    public String toString() {
        return "IdentityClaim[appId=" + appId + ", openid=" + openid + ", unionid=" + unionid.orElse("-") + "]";
    }
}
