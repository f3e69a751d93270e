package io.github.wxlogin.server.api;

import static io.github.wxlogin.server.Waits.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A phone binding or a decryption refused as busy (no room to start its platform call) is answered 503
 * and costs the user none of the per-user permits (a daily cap of ten phone bindings by default): the
 * service's own lack of room is not charged to them. Only the busy path is taken here, which reaches
 * neither the phone nor the open-data service.
 */
class BusyPhoneAndDecryptKeepPermitsTest {

    private static final AccessClaims CALLER = new AccessClaims(
            "u_1", "s_1", "wx0000000000000001", Instant.now(), Instant.now().plusSeconds(600), "k_1");

    /** One permit a minute and one a day for each call. */
    private final UserRateLimits limits = new UserRateLimits(
            new WxLoginProperties.RateLimit(300, 0, 10, Duration.ofMinutes(1), 1, 1, 1),
            new LocalBuckets(new ClockTime(Clock.systemUTC())),
            new SimpleMeterRegistry());

    private final FullPlatformCalls full = new FullPlatformCalls();
    private final OpenDataController controller = new OpenDataController(null, null, limits, null, full.calls());

    @AfterEach
    void close() {
        full.close();
    }

    @Test
    void aBusyPhoneBindingLeavesTheUsersPhonePermit() {
        CompletableFuture<?> answer = controller.bindPhone(
                CALLER,
                new OpenDataController.PhoneBody("phone-code", null, null, null, null),
                new MockHttpServletRequest("POST", "/v1/me/phone"));

        assertBusy(answer);
        assertThatCode(() -> limits.admit(Call.PHONE, CALLER.userId())).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.admit(Call.PHONE, CALLER.userId()))
                .as("the one permit, spent now")
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void aBusyDecryptionLeavesTheUsersDecryptPermit() {
        CompletableFuture<?> answer =
                controller.decrypt(CALLER, new OpenDataController.DecryptBody("data", "iv", null, null));

        assertBusy(answer);
        assertThatCode(() -> limits.admit(Call.DECRYPT, CALLER.userId())).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.admit(Call.DECRYPT, CALLER.userId())).isInstanceOf(WxLoginException.class);
    }

    static void assertBusy(CompletableFuture<?> answer) {
        assertThat(failureOf(answer))
                .isInstanceOfSatisfying(
                        WxLoginException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }
}
