package io.github.wxlogin.server.sessionkey;

import static io.github.wxlogin.server.Waits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.ratelimit.ClockTime;
import io.github.wxlogin.server.ratelimit.LocalBuckets;
import io.github.wxlogin.server.ratelimit.UserRateLimits;
import io.github.wxlogin.server.ratelimit.UserRateLimits.Call;
import io.github.wxlogin.server.web.FullPlatformCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The encrypted channel's decryption refused as busy costs the user no decrypt permit. */
class BusyChannelDecryptKeepsPermitTest {

    @Test
    void aBusyChannelDecryptionLeavesTheUsersDecryptPermit() {
        AccessClaims caller = new AccessClaims(
                "u_1", "s_1", "wx0000000000000001", Instant.now(), Instant.now().plusSeconds(600), "k_1");
        UserRateLimits limits = new UserRateLimits(
                new WxLoginProperties.RateLimit(300, 0, 10, Duration.ofMinutes(1), 1, 1, 1),
                new LocalBuckets(new ClockTime(Clock.systemUTC())),
                new SimpleMeterRegistry());
        try (FullPlatformCalls full = new FullPlatformCalls()) {
            ChannelController controller = new ChannelController(null, limits, full.calls());

            var answer = controller.decrypt(caller, new ChannelController.ChannelBody("data", "iv", 1L));

            assertThat(failureOf(answer))
                    .isInstanceOfSatisfying(
                            WxLoginException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
            assertThatCode(() -> limits.admit(Call.DECRYPT, caller.userId())).doesNotThrowAnyException();
        }
    }
}
