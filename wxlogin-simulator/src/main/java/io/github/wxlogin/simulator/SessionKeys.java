package io.github.wxlogin.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session_key WeChat holds for each user in each app, and the openids it has seen. A key is 16
 * random bytes in standard base64 (24 characters), created at the user's first login in the app.
 */
final class SessionKeys {

    private final Map<UserRef, String> keys = new ConcurrentHashMap<>();
    private final Map<String, UserRef> byOpenid = new ConcurrentHashMap<>();

    /** The user's current key, created if the user has none yet. */
    String current(UserRef ref) {
        return keys.computeIfAbsent(ref, this::create);
    }

    /** A login: creates the key on the first one; on later ones replaces it when {@code rotate}. */
    String login(UserRef ref, boolean rotate) {
        return keys.compute(ref, (r, old) -> old == null ? create(r) : rotate ? newKey() : old);
    }

    /** Gives the user a new key (resetusersessionkey). */
    String reset(UserRef ref) {
        return keys.compute(ref, (r, old) -> old == null ? create(r) : newKey());
    }

    /** The user behind an openid of this app, if WeChat has seen that user log in there. */
    Optional<UserRef> byOpenid(String appId, String openid) {
        return openid == null ? Optional.empty() : Optional.ofNullable(byOpenid.get(appId + "\0" + openid));
    }

    void clear() {
        keys.clear();
        byOpenid.clear();
    }

    private String create(UserRef ref) {
        byOpenid.put(ref.appId() + "\0" + Identities.openid(ref.appId(), ref.user()), ref);
        return newKey();
    }

    private static String newKey() {
        return Randoms.base64(16);
    }
}
