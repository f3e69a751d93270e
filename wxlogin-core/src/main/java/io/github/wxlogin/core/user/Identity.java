package io.github.wxlogin.core.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as one app sees it: the openid the platform gave it there, and the unionid when the app has a
 * group. An {@code anonymous} identity is a guest's (Douyin's {@code anonymous_openid}, one per device):
 * it has no unionid and no session_key, and its user is shown as {@code "anonymous": true}.
 */
public record Identity(String appId, String openid, String userId, Optional<String> unionid, boolean anonymous) {

    public Identity {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(unionid, "unionid");
        if (anonymous && unionid.isPresent()) {
            throw new IllegalArgumentException("a guest's identity has no unionid");
        }
    }

    /** A real identity: what every platform's login code gives. */
    public Identity(String appId, String openid, String userId, Optional<String> unionid) {
        this(appId, openid, userId, unionid, false);
    }

    /** {@link #idOf} of this identity. */
    public String id() {
        return idOf(appId, openid);
    }

    /**
     * The identity's id in the API ({@code GET /v1/me/identities}): {@code i_} and the base64url of the
     * first 16 bytes of SHA-256({@code appId + "\n" + openid}). Derived, not stored: an identity's key is
     * (app, openid), which never changes, so neither does its id, on any instance or store. Opaque: the
     * openid cannot be read back from it.
     */
    public static String idOf(String appId, String openid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((appId + "\n" + openid).getBytes(StandardCharsets.UTF_8));
            return "i_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
