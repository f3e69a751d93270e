package io.github.wxlogin.core.sessionkey;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.SessionKeyRotation;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import io.github.wxlogin.core.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/v1/users/{id}/reset-session-key}: WeChat's {@code resetusersessionkey} gives the
 * user's identity in a WeChat app a new session_key, proven by the one stored now; the new key is sealed
 * and stored as the current one, the replaced one kept as the previous key for the same grace as after a
 * login that rotated it ({@link SessionKeyRotation}). No key is ever answered. WeChat keeps the old key's
 * expiry for the new one.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/ResetUserSessionKey.html
 */
public final class SessionKeyReset {

    private static final Logger log = LoggerFactory.getLogger(SessionKeyReset.class);

    /** What a reset did: whose key, in which app, and when it changed. */
    public record Reset(String userId, String appId, String openid, Instant changedAt) {}

    private final Apps apps;
    private final UserStore users;
    private final SessionKeyStore keys;
    private final Optional<SessionKeyRotation> rotation;
    private final SessionKeyVault vault;
    private final PlatformClient platform;
    private final Auditor auditor;
    private final Clock clock;

    public SessionKeyReset(
            Apps apps,
            UserStore users,
            SessionKeyStore keys,
            Optional<SessionKeyRotation> rotation,
            SessionKeyVault vault,
            PlatformClient platform,
            Auditor auditor,
            Clock clock) {
        this.apps = apps;
        this.users = users;
        this.keys = keys;
        this.rotation = rotation;
        this.vault = vault;
        this.platform = platform;
        this.auditor = auditor;
        this.clock = clock;
    }

    /**
     * Resets the session_key of the user's WeChat identity: the one in {@code appId} when given, else the
     * user's only WeChat identity.
     *
     * @throws WxLoginException {@code not_found} (no such user), {@code unknown_app}, {@code invalid_request}
     *     (no identity in {@code appId}, or several WeChat identities and no {@code appId}), {@code
     *     unsupported} (no WeChat identity, or {@code appId} not a WeChat app), {@code session_key_stale}
     *     (WeChat no longer holds the stored key: only a login gives a new one), {@code
     *     upstream_unavailable}
     */
    public Reset reset(String userId, Optional<String> appId, ClientInfo admin) {
        if (users.findUser(userId).isEmpty()) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "no such user");
        }
        Identity identity = identity(userId, appId);
        App app = apps.find(identity.appId()).orElseThrow();
        StoredSessionKeys stored = keys.find(userId, app.appId())
                .filter(StoredSessionKeys::hasKey)
                .orElseThrow(() -> new WxLoginException(
                        ErrorCode.UNSUPPORTED, "the user's identity in app " + app.appId() + " has no session_key"));
        SessionKeyRotation store = rotation.orElseThrow(() ->
                new WxLoginException(ErrorCode.UNSUPPORTED, "this service's user store cannot replace a session_key"));
        String current = vault.open(stored.appId(), stored.openid(), stored.sealedCurrent());
        // session_key_stale or upstream_unavailable come out of the platform as they are.
        String fresh = platform.resetSessionKey(app, stored.openid(), current);
        Instant now = clock.instant();
        if (!store.rotateSessionKey(
                stored.appId(), stored.openid(), vault.seal(stored.appId(), stored.openid(), fresh), now)) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "the user's identity is gone");
        }
        auditor.record(
                AuditType.SESSION_KEY_RESET,
                userId,
                null,
                app.appId(),
                admin,
                "session_key of openid " + stored.openid() + " reset by an administrator");
        log.info("Session key of user {} in app {} reset by an administrator", userId, app.appId());
        return new Reset(userId, app.appId(), stored.openid(), now);
    }

    private Identity identity(String userId, Optional<String> appId) {
        List<Identity> identities =
                users.identities(userId).stream().filter(i -> !i.anonymous()).toList();
        if (appId.isPresent()) {
            App app = apps.find(appId.get())
                    .orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP, "appId is not a configured app"));
            if (app.platform() != Platform.WECHAT) {
                throw new WxLoginException(
                        ErrorCode.UNSUPPORTED,
                        "app " + app.appId() + " is a " + app.platform().id()
                                + " app: only WeChat resets a session_key");
            }
            return identities.stream()
                    .filter(i -> i.appId().equals(app.appId()))
                    .findFirst()
                    .orElseThrow(
                            () -> WxLoginException.invalidRequest("the user has no identity in app " + app.appId()));
        }
        List<Identity> wechat = identities.stream()
                .filter(i -> apps.find(i.appId())
                        .map(a -> a.platform() == Platform.WECHAT)
                        .orElse(false))
                .toList();
        if (wechat.isEmpty()) {
            throw new WxLoginException(
                    ErrorCode.UNSUPPORTED, "the user has no WeChat identity: only WeChat resets a session_key");
        }
        if (wechat.size() > 1) {
            throw WxLoginException.invalidRequest("the user has WeChat identities in several apps ("
                    + wechat.stream().map(Identity::appId).collect(Collectors.joining(", "))
                    + "): give appId");
        }
        return wechat.get(0);
    }
}
