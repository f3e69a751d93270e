package io.github.wxlogin.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access and refresh tokens the simulated Alipay gave each user of each app at the last login:
 * {@code /sim/session} shows them, so a test can prove the service keeps none of them.
 */
final class AlipayTokens {

    /** The lifetimes the simulator's answers give (expires_in, re_expires_in); nothing here enforces them. */
    static final Duration ACCESS_LIFE = Duration.ofDays(15);

    static final Duration REFRESH_LIFE = Duration.ofDays(30);

    record Issued(String accessToken, String refreshToken) {

        @Override
        public String toString() {
            return "Issued[***]";
        }
    }

    private final Map<UserRef, Issued> last = new ConcurrentHashMap<>();

    Issued issue(String appId, String user) {
        Issued issued = new Issued("authbseB" + Randoms.hex(16), "authbseB" + Randoms.hex(16));
        last.put(new UserRef(appId, user), issued);
        return issued;
    }

    Optional<Issued> last(String appId, String user) {
        return Optional.ofNullable(last.get(new UserRef(appId, user)));
    }

    void clear() {
        last.clear();
    }
}
