package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.user.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refresh refused by the app's allowance spends nothing: the token refreshes once admitted. */
class AppThrottleTest {

    private static final ClientInfo PHONE = ClientInfo.of("MicroMessenger/8.0.47", "203.0.113.7");

    /** Refuses while {@code full}; records which apps it was asked about. */
    private static final class SwitchableThrottle implements AppThrottle {
        boolean full;
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Duration> tryAdmit(String appId) {
            asked.add(appId);
            return full ? Optional.of(Duration.ofMillis(1500)) : Optional.empty();
        }

        @Override
        public boolean active() {
            return true;
        }
    }

    private final SwitchableThrottle throttle = new SwitchableThrottle();
    private final CoreFixture core = new CoreFixture(b -> b.throttle(throttle));
    private final Account alice = core.account("u_alice");
    private final RefreshService refresh = core.refresh;

    @Test
    void aRefusedRefreshIsRateLimitedWithItsWaitAndLeavesTheTokenUnspent() {
        SessionGrant login = core.login(alice);
        throttle.full = true;

        WxLoginException refused =
                catchThrowableOfType(WxLoginException.class, () -> refresh.refresh(login.refreshToken(), PHONE));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(throttle.asked).containsExactly(CoreFixture.APP);
        throttle.full = false;
        assertThat(refresh.refresh(login.refreshToken(), PHONE).sessionId()).isEqualTo(login.sessionId());
    }

    @Test
    void anUnknownTokenIsNotCountedAgainstAnyApp() {
        throttle.full = true;

        WxLoginException refused =
                catchThrowableOfType(WxLoginException.class, () -> refresh.refresh("A".repeat(43), PHONE));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(throttle.asked).isEmpty();
    }
}
