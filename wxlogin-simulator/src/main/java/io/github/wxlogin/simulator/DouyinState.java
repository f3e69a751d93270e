package io.github.wxlogin.simulator;

import java.time.Duration;

/**
 * What the Douyin stand-in holds, shared by its API paths ({@link DouyinApi}) and its {@code /sim/}
 * controls ({@link DouyinStandIn}): the codes {@code tt.login()} and the phone button handed out (each
 * good once, for 5 minutes), the session_key of each user, the client tokens, the apps' key pairs.
 */
final class DouyinState {

    static final String PLATFORM = "douyin";
    static final Duration CODE_LIFE = Duration.ofMinutes(5);

    /** tt.login code → the user logged in to the host app. */
    final IssuedCodes<String> loginCodes;
    /** tt.login anonymousCode → the device (one anonymous_openid per phone). */
    final IssuedCodes<String> anonymousCodes;

    final IssuedCodes<PhoneGrant> phoneCodes;
    final SessionKeys sessionKeys = new SessionKeys();
    final IssuedAccessTokens clientTokens;
    final DouyinKeys keys = new DouyinKeys();
    final LiveSettings live;
    final SimClock clock;
    private final SimApps apps;

    DouyinState(SimApps apps, SimClock clock, LiveSettings live) {
        this.apps = apps;
        this.clock = clock;
        this.live = live;
        // Douyin's codes are opaque strings of letters and digits, as WeChat's.
        this.loginCodes = new IssuedCodes<>(clock, CODE_LIFE, () -> Randoms.alnum(32));
        this.anonymousCodes = new IssuedCodes<>(clock, CODE_LIFE, () -> Randoms.alnum(32));
        this.phoneCodes = new IssuedCodes<>(clock, CODE_LIFE, () -> Randoms.hex(32));
        this.clientTokens = new IssuedAccessTokens(clock);
    }

    SimApps apps() {
        return apps;
    }

    /** The user's openid in the app. */
    static String openid(String appId, String user) {
        return "_000" + Identities.platformId("douyin openid", appId, user).substring(0, 32);
    }

    /** The device's anonymous_openid in the app, the same for every anonymousCode of that phone. */
    static String anonymousOpenid(String appId, String device) {
        return "_000"
                + Identities.platformId("douyin anonymous_openid", appId, device)
                        .substring(0, 32);
    }

    /**
     * The user's unionid: one per developer (the app's group) as Douyin gives it; an app in no group is a
     * developer of its own, so its unionid is its own and joins nothing.
     */
    static String unionid(SimApp app, String user) {
        String scope = app.unionGroup().orElse(PLATFORM + " app " + app.appId());
        return Identities.platformId("douyin unionid", scope, user).substring(0, 36);
    }

    /** Back to the start, but the key pairs: the service was configured with them. */
    void reset() {
        loginCodes.clear();
        anonymousCodes.clear();
        phoneCodes.clear();
        sessionKeys.clear();
        clientTokens.clear();
    }
}
