package io.github.wxlogin.simulator;

import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated Baidu holds: the login codes of {@code swan.getLoginCode()} (32 hex digits and
 * "NW", as the codes in Baidu's samples look; good once, for ten minutes: "十分钟内有效" in Baidu's OAuth
 * description, w3cschool.cn/baiduapp/baiduapp-9mqz2t64.html) and each user's session_key (24 random bytes
 * in base64, 32 characters, kept across logins: Baidu renews a session_key's life with use rather than
 * replacing it at each login, per its 会话密钥 notes).
 *
 * <p>Each app's AppKey, which Baidu's APIs take as {@code client_id} and put after each open-data plaintext:
 * an app configured by its numeric AppID ({@code baidu:20000001:…}) has the AppKey {@code "simAppKey"} +
 * its AppID left-padded with zeros to 23 digits ({@code simAppKey00000000000000020000001}); an app
 * configured by anything else is taken to be configured by its AppKey, which is then its appid.
 */
final class BaiduState {

    static final String PLATFORM = "baidu";
    static final Duration CODE_LIFE = Duration.ofMinutes(10);

    final SimApps apps;
    final SimClock clock;
    final IssuedCodes<String> loginCodes;
    private final Map<UserRef, String> sessionKeys = new ConcurrentHashMap<>();

    BaiduState(SimApps apps, SimClock clock) {
        this.apps = apps;
        this.clock = clock;
        this.loginCodes =
                new IssuedCodes<>(clock, CODE_LIFE, () -> Randoms.hex(16).toLowerCase(Locale.ROOT) + "NW");
    }

    /** The AppKey of a Baidu app (see the class comment). */
    static String appKey(String appId) {
        if (appId.chars().allMatch(Character::isDigit) && appId.length() <= 23) {
            return "simAppKey" + "0".repeat(23 - appId.length()) + appId;
        }
        return appId;
    }

    /** The Baidu app whose AppKey is {@code clientId}. */
    Optional<SimApp> byAppKey(String clientId) {
        return apps.all().stream()
                .filter(a -> a.platform().equals(PLATFORM) && appKey(a.appId()).equals(clientId))
                .findFirst();
    }

    /** The user's session_key, made at first use and kept. */
    String sessionKey(UserRef ref) {
        return sessionKeys.computeIfAbsent(ref, r -> Base64.getEncoder().encodeToString(Randoms.bytes(24)));
    }

    /** The user's openid in the app: 26 characters, as Baidu's samples show them. */
    static String openid(String appId, String user) {
        return Identities.platformId("baidu openid", appId, user).substring(0, 26);
    }

    void reset() {
        loginCodes.clear();
        sessionKeys.clear();
    }
}
