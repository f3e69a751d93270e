package io.github.wxlogin.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The core's login announcements as meters: counted where the core writes the audit, not by wrapping the call. */
class LoginMetricsTest {

    private static final String APP = "wx1111111111111111";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoginMetrics metrics = new LoginMetrics(registry);

    @Test
    void aLoginIsCountedOkUnderItsApp() {
        metrics.loggedIn(APP, true);
        metrics.loggedIn(APP, false);

        assertThat(count("wxlogin.logins", APP, "ok")).isEqualTo(2);
        assertThat(registry.get("wxlogin.logins").counter().getId().getDescription())
                .isEqualTo("Logins by app and result");
    }

    @Test
    void aRefusedLoginIsCountedByTheCodeTheClientWasAnswered() {
        metrics.loginRefused(Optional.of(APP), ErrorCode.INVALID_CODE);
        metrics.loginRefused(Optional.of(APP), ErrorCode.UPSTREAM_UNAVAILABLE);

        assertThat(count("wxlogin.logins", APP, "invalid_code")).isEqualTo(1);
        assertThat(count("wxlogin.logins", APP, "upstream_unavailable")).isEqualTo(1);
    }

    @Test
    void aLoginForNoConfiguredAppIsTaggedUnknown() {
        metrics.loginRefused(Optional.empty(), ErrorCode.UNKNOWN_APP);

        assertThat(count("wxlogin.logins", "unknown", "unknown_app")).isEqualTo(1);
    }

    @Test
    void refreshesAreCountedTheSameWay() {
        metrics.refreshed(APP);
        metrics.refreshRefused(Optional.empty(), ErrorCode.INVALID_TOKEN);
        metrics.refreshRefused(Optional.of(APP), ErrorCode.TOKEN_REUSED);

        assertThat(count("wxlogin.refreshes", APP, "ok")).isEqualTo(1);
        assertThat(count("wxlogin.refreshes", "unknown", "invalid_token")).isEqualTo(1);
        assertThat(count("wxlogin.refreshes", APP, "token_reused")).isEqualTo(1);
        assertThat(registry.get("wxlogin.refreshes").counters()).hasSize(3);
        assertThat(registry.find("wxlogin.logins").counters()).isEmpty();
    }

    private double count(String name, String app, String result) {
        Counter counter =
                registry.find(name).tag("app", app).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
