package io.github.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.token.TokenSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The core's defaults are the only defaults: properties left unset bind to exactly them. */
class BoundDefaultsTest {

    private static WxLoginProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("wxlogin", WxLoginProperties.class);
    }

    @Test
    void nothingSetBindsToTheCoresDefaults() {
        WxLoginProperties props = bind(Map.of());

        assertThat(props.coreSettings()).isEqualTo(CoreSettings.defaults("http://localhost:8080"));
        assertThat(props.wechat().clientSettings())
                .isEqualTo(PlatformHttpSettings.defaults(PlatformHttpSettings.WECHAT));
    }

    @Test
    void theRefreshGraceIsBoundAndABlankOneIsTheCoresDefault() {
        // application.properties maps WXLOGIN_REFRESH_GRACE onto it, blank when the variable is unset.
        assertThat(bind(Map.of("wxlogin.tokens.refresh-grace", ""))
                        .coreSettings()
                        .tokens()
                        .refreshGrace())
                .isEqualTo(TokenSettings.DEFAULT_REFRESH_GRACE)
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(bind(Map.of("wxlogin.tokens.refresh-grace", "30s"))
                        .coreSettings()
                        .tokens()
                        .refreshGrace())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(bind(Map.of("wxlogin.tokens.refresh-grace", "0s"))
                        .coreSettings()
                        .tokens()
                        .refreshGrace())
                .as("off")
                .isZero();
    }

    @Test
    void linkByPhoneIsOffUnlessSetAndABlankOneIsOff() {
        // application.properties maps WXLOGIN_LINK_BY_PHONE onto it, blank when the variable is unset.
        assertThat(bind(Map.of()).coreSettings().linkByPhone()).isFalse();
        assertThat(bind(Map.of("wxlogin.link-by-phone", "")).coreSettings().linkByPhone())
                .isFalse();
        assertThat(bind(Map.of("wxlogin.link-by-phone", "true")).coreSettings().linkByPhone())
                .isTrue();
    }

    @Test
    void aBlankBaseUrlIsWeChatsOwn() {
        WxLoginProperties props = bind(Map.of("wxlogin.wechat.base-url", ""));

        assertThat(props.wechat().clientSettings().baseUrl()).isEqualTo(PlatformHttpSettings.WECHAT);
    }

    @Test
    void whatIsSetWinsAndTheRestStaysTheCoresDefault() {
        WxLoginProperties props = bind(Map.of(
                "wxlogin.issuer", "https://login.example.test",
                "wxlogin.tokens.access-token-ttl", "5m",
                "wxlogin.housekeeping.batch-size", "50",
                "wxlogin.wechat.max-attempts", "1",
                "wxlogin.user-cache.max-size", "4MB",
                "wxlogin.session-cache.ttl", "5s"));

        CoreSettings defaults = CoreSettings.defaults("https://login.example.test");
        assertThat(props.coreSettings().tokens().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(props.coreSettings().tokens().refreshTokenTtl())
                .isEqualTo(defaults.tokens().refreshTokenTtl());
        assertThat(props.coreSettings().tokens().issuer()).isEqualTo("https://login.example.test");
        assertThat(props.coreSettings().housekeeping().batchSize()).isEqualTo(50);
        assertThat(props.coreSettings().housekeeping().keepEnded())
                .isEqualTo(defaults.housekeeping().keepEnded());
        assertThat(props.wechat().clientSettings().maxAttempts()).isEqualTo(1);
        assertThat(props.coreSettings().userCache().maxBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(props.coreSettings().userCache().ttl())
                .isEqualTo(defaults.userCache().ttl());
        assertThat(props.coreSettings().liveSessionCache()).isEqualTo(Duration.ofSeconds(5));
        assertThat(props.wechat().clientSettings().requestTimeout())
                .isEqualTo(PlatformHttpSettings.defaults(PlatformHttpSettings.WECHAT)
                        .requestTimeout());
    }

    @Test
    void theAuditLogsKeepIsNinetyDaysWhenUnsetOrBlankAndZeroKeepsEverything() {
        // Blank is what application.properties gives when WXLOGIN_AUDIT_KEEP is not set.
        assertThat(bind(Map.of("wxlogin.audit.keep", ""))
                        .coreSettings()
                        .housekeeping()
                        .keepAudit())
                .isEqualTo(Duration.ofDays(90))
                .isEqualTo(CoreSettings.Housekeeping.defaults().keepAudit());
        assertThat(bind(Map.of("wxlogin.audit.keep", "30d"))
                        .coreSettings()
                        .housekeeping()
                        .keepAudit())
                .isEqualTo(Duration.ofDays(30));
        assertThat(bind(Map.of("wxlogin.audit.keep", "0"))
                        .coreSettings()
                        .housekeeping()
                        .keepAudit())
                .isZero();
    }

    @Test
    void refusedAdminCallsAreLimitedToTenAWindowUnlessSet() {
        assertThat(bind(Map.of()).rateLimit().adminRefusals()).isEqualTo(10);
        assertThat(bind(Map.of("wxlogin.rate-limit.admin-refusals", "0"))
                        .rateLimit()
                        .adminRefusals())
                .isZero();
    }
}
