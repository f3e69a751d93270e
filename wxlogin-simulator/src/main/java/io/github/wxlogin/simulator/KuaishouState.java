package io.github.wxlogin.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * What the Kuaishou stand-in holds, shared by its API path ({@link KuaishouApi}) and its {@code /sim/}
 * controls ({@link KuaishouStandIn}): the codes {@code ks.login()} handed out, each good once for 5
 * minutes, and the session_key of each user.
 */
final class KuaishouState {

    static final String PLATFORM = "kuaishou";
    /**
     * A {@code ks.login()} code is good once ("只能使用一次", Kuaishou's login guide); its lifetime is
     * documented as 5 minutes for Kuaishou's (overseas) mini games only [second-hand], taken here.
     */
    static final Duration CODE_LIFE = Duration.ofMinutes(5);

    final IssuedCodes<String> loginCodes;
    final SessionKeys sessionKeys = new SessionKeys();
    final LiveSettings live;
    final SimClock clock;
    private final SimApps apps;

    KuaishouState(SimApps apps, SimClock clock, LiveSettings live) {
        this.apps = apps;
        this.clock = clock;
        this.live = live;
        // Kuaishou's js_code as seen in SDK samples: 64 upper-case hex digits.
        this.loginCodes =
                new IssuedCodes<>(clock, CODE_LIFE, () -> Randoms.hex(32).toUpperCase(Locale.ROOT));
    }

    SimApps apps() {
        return apps;
    }

    /** The user's open_id in the app: 32 lower-case hex digits, derived so it is the same on every run. */
    static String openId(String appId, String user) {
        byte[] id = java.util.Base64.getUrlDecoder().decode(Identities.platformId("kuaishou open_id", appId, user));
        return java.util.HexFormat.of().formatHex(id, 0, 16);
    }

    void reset() {
        loginCodes.clear();
        sessionKeys.clear();
    }
}
