package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.InMemoryUserStore;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A platform without session keys (Alipay): its login stores none (nothing sealed, nothing to open),
 * open data for its users is {@code unsupported}, and logins of platforms that have one are unchanged.
 */
class PlatformWithoutSessionKeyTest {

    private static final App ALIPAY = new App(Platform.ALIPAY, "2021000000000001", "none", Optional.empty());
    private static final App WECHAT =
            new App("wx1234567890abcdef", "0123456789abcdef0123456789abcdef", Optional.empty());

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryUserStore users = new InMemoryUserStore();
    private final SessionKeyVault vault = new SessionKeyVault(new SecretBox(random(32)));
    private final AccountWriter writer = new AccountWriter(users, vault, new Ids(), clock);
    private final OpenDataService openData = new OpenDataService(users, vault, Duration.ofMinutes(5), clock);

    @Test
    void aLoginWithoutSessionKeyStoresNone() {
        LoginRecord login =
                writer.write(ALIPAY, PlatformSession.withoutSessionKey("2088102150477652", Optional.empty()));
        LoginRecord again =
                writer.write(ALIPAY, PlatformSession.withoutSessionKey("2088102150477652", Optional.empty()));

        assertThat(again.account().user().id()).isEqualTo(login.account().user().id());
        StoredSessionKeys stored =
                users.find(login.account().user().id(), ALIPAY.appId()).orElseThrow();
        assertThat(stored.hasKey()).isFalse();
        assertThat(stored.sealedCurrent()).isEmpty();
        assertThat(stored.sealedPrevious()).isEmpty();
    }

    @Test
    void openDataOfAUserWithoutSessionKeyIsUnsupported() {
        LoginRecord login =
                writer.write(ALIPAY, PlatformSession.withoutSessionKey("2088102150477652", Optional.empty()));
        String iv = Base64.getEncoder().encodeToString(random(16));
        String data = Base64.getEncoder().encodeToString(random(32));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> openData.decrypt(claims(login.account().user().id(), ALIPAY.appId()), data, iv, null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void aLoginWithSessionKeyIsSealedAsBefore() {
        String key = Base64.getEncoder().encodeToString(random(16));
        LoginRecord login = writer.write(WECHAT, new PlatformSession("oWeChat1", key, Optional.empty()));

        StoredSessionKeys stored =
                users.find(login.account().user().id(), WECHAT.appId()).orElseThrow();
        assertThat(stored.hasKey()).isTrue();
        assertThat(vault.open(WECHAT.appId(), "oWeChat1", stored.sealedCurrent()))
                .isEqualTo(key);
    }

    @Test
    void theSessionKeyOfALoginIsRequiredUnlessThePlatformHasNone() {
        assertThatThrownBy(() -> new PlatformSession("o1", " ", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlatformSession.withoutSessionKey("o1", Optional.empty())
                        .sessionKey())
                .isInstanceOf(IllegalStateException.class);
        assertThat(PlatformSession.withoutSessionKey("o1", Optional.empty()).toString())
                .contains("sessionKey=none");
        assertThat(new PlatformSession("o1", "c2Vzc2lvbmtleQ==", Optional.empty()).toString())
                .doesNotContain("c2Vzc2lvbmtleQ==");
    }

    private AccessClaims claims(String userId, String appId) {
        return new AccessClaims(
                userId, "s_1", appId, clock.instant(), clock.instant().plusSeconds(900), "k1");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
