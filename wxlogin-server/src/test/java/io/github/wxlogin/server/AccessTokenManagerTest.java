package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.WeChatData.PHONE_API;
import static io.github.wxlogin.server.WeChatData.STABLE_TOKEN;
import static io.github.wxlogin.server.WeChatData.TOKEN;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service's WeChat access token as the simulator sees it: one fetch serves many calls, a token
 * WeChat refuses is renewed once and the call retried once, "busy" is retried without touching the
 * token, and {@code wxlogin.wechat.access-token-mode} picks {@code stable_token} or {@code cgi-bin/token}.
 *
 * <p>Each test starts from a reset simulator and one warm-up binding, so the service holds the token
 * the simulator hands out now (after a reset the simulator no longer knows the service's old token:
 * the warm-up call is refused and renews it), and counts calls from there.
 */
class AccessTokenManagerTest {

    /** The per-user phone limits off: one user binds many times a minute here. */
    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--wxlogin.rate-limit.phone-per-user=0", "--wxlogin.rate-limit.phone-per-user-daily=0")
            .databaseIndependent();

    static WeChatData wx;
    static final AtomicInteger numbers = new AtomicInteger();

    Tokens user;
    /** The user's name at the simulator: phone codes are the button's of this user (WeChat checks). */
    String name;

    long stableBefore;
    long phoneBefore;

    @BeforeAll
    static void start() {
        wx = new WeChatData(dev.service());
    }

    @BeforeEach
    void warmUp() {
        dev.sim().reset();
        name = "token-user-" + numbers.incrementAndGet();
        user = dev.service().login(APP_1, name);
        bind(wx, user, name);
        stableBefore = wx.calls(STABLE_TOKEN);
        phoneBefore = wx.calls(PHONE_API);
    }

    private static String bind(WeChatData wx, Tokens user, String name) {
        String number = nextNumber();
        wx.bindWithCode(user, APP_1, name, number);
        return number;
    }

    private static String nextNumber() {
        return String.format("136%08d", numbers.incrementAndGet());
    }

    @Test
    void oneTokenServesManyCalls() {
        for (int i = 0; i < 5; i++) {
            bind(wx, user, name);
        }

        assertThat(wx.calls(STABLE_TOKEN) - stableBefore).isZero();
        assertThat(wx.calls(PHONE_API) - phoneBefore).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 42001})
    void tokenRefusedOnceIsRenewedOnceAndTheBindingSucceeds(int errcode) {
        Timer refused = phoneTimer(String.valueOf(errcode));
        long refusedBefore = refused == null ? 0 : refused.count();
        wx.failPhone(errcode, 1);
        String number = nextNumber();
        String code = wx.phoneCode(APP_1, name, number);

        Http.Reply r = wx.bindPhone(user, Map.of("code", code));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo(number);
        assertThat(wx.calls(PHONE_API) - phoneBefore)
                .as("the call and its one retry")
                .isEqualTo(2);
        // One renewal. The refusal was injected, so stable_token still hands out the refused token when
        // asked plainly; the service then forces a new one: one plain and one forced stable_token call.
        assertThat(wx.calls(STABLE_TOKEN) - stableBefore).isEqualTo(2);
        assertThat(wx.calls(TOKEN)).isZero();
        assertThat(phoneTimer(String.valueOf(errcode)).count()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void tokenSupersededByAnotherHolderIsRenewedWithOnePlainFetch() {
        String held = wx.stableToken(APP_1, false);
        // Another holder of the app's credentials forces a refresh; WeChat keeps the old token 5 more minutes.
        String forced = wx.stableToken(APP_1, true);
        assertThat(forced).isNotEqualTo(held);
        wx.advanceClock(301);
        long stable = wx.calls(STABLE_TOKEN);

        assertBound(wx.bindPhone(user, Map.of("code", wx.phoneCode(APP_1, name, nextNumber()))));

        assertThat(wx.calls(PHONE_API) - phoneBefore).isEqualTo(2);
        assertThat(wx.calls(STABLE_TOKEN) - stable)
                .as("one plain stable_token call, no forcing")
                .isEqualTo(1);
    }

    @Test
    void tokenThatExpiredAtWeChatIsRenewedWithOnePlainFetch() {
        // WeChat's clock runs past the token's 7200 s, while the service still thinks it fresh.
        wx.advanceClock(7200);

        assertBound(wx.bindPhone(user, Map.of("code", wx.phoneCode(APP_1, name, nextNumber()))));

        assertThat(wx.calls(PHONE_API) - phoneBefore).isEqualTo(2);
        assertThat(wx.calls(STABLE_TOKEN) - stableBefore).isEqualTo(1);
    }

    @Test
    void tokenRefusedTwiceIsUpstreamUnavailableAfterOneRetryAndTheCodeStaysGood() {
        wx.failPhone(40001, 2);
        String number = nextNumber();
        String code = wx.phoneCode(APP_1, name, number);

        Http.Reply r = wx.bindPhone(user, Map.of("code", code));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(wx.calls(PHONE_API) - phoneBefore).as("no retry loop").isEqualTo(2);
        assertThat(wx.me(user).get("phoneNumber").asString()).isNotEqualTo(number);
        // WeChat never looked at the code: it is still good.
        assertThat(wx.bindPhone(user, Map.of("code", code)).status()).isEqualTo(200);
        assertThat(wx.me(user).get("phoneNumber").asString()).isEqualTo(number);
    }

    @Test
    void weChatBusyOnceIsRetriedWithTheSameToken() {
        wx.failPhone(-1, 1);

        assertBound(wx.bindPhone(user, Map.of("code", wx.phoneCode(APP_1, name, nextNumber()))));

        assertThat(wx.calls(PHONE_API) - phoneBefore).isEqualTo(2);
        assertThat(wx.calls(STABLE_TOKEN) - stableBefore)
                .as("busy is not about the token")
                .isZero();
    }

    @Test
    void weChatBusyOnEveryTryIsUpstreamUnavailable() {
        wx.failPhone(-1, 3);

        Http.Reply r = wx.bindPhone(user, Map.of("code", wx.phoneCode(APP_1, name, nextNumber())));

        assertProblem(r, 503, "upstream_unavailable");
        assertRetryAfter(r);
        assertThat(wx.calls(PHONE_API) - phoneBefore)
                .as("maxAttempts, 3 by default")
                .isEqualTo(3);
        assertThat(wx.calls(STABLE_TOKEN) - stableBefore).isZero();
    }

    @Test
    void errorsThatAreNotAboutTheTokenRenewNothing() {
        assertProblem(wx.bindPhone(user, Map.of("code", "0123456789abcdef0123456789abcdef")), 401, "invalid_code");

        assertThat(wx.calls(PHONE_API) - phoneBefore).isEqualTo(1);
        assertThat(wx.calls(STABLE_TOKEN) - stableBefore).isZero();
    }

    @Test
    void stableModeNeverCallsCgiBinToken() {
        wx.failPhone(40001, 1);
        bind(wx, user, name);
        wx.advanceClock(7200);
        bind(wx, user, name);

        assertThat(wx.calls(STABLE_TOKEN)).isPositive();
        assertThat(wx.calls(TOKEN)).isZero();
    }

    @Test
    void clientCredentialModeUsesCgiBinTokenAndNeverStableToken(@TempDir Path ownDir) {
        try (TestService other = TestService.dev(ownDir, "--wxlogin.wechat.access-token-mode=client-credential")) {
            WeChatData data = new WeChatData(other);
            String someoneName = "token-client-credential";
            Tokens someone = other.login(APP_1, someoneName);

            bind(data, someone, someoneName);
            bind(data, someone, someoneName);

            assertThat(data.calls(TOKEN)).isEqualTo(1);
            assertThat(data.calls(STABLE_TOKEN)).isZero();
            assertThat(data.calls(PHONE_API)).isEqualTo(2);

            data.failPhone(40001, 1);
            bind(data, someone, someoneName);

            assertThat(data.calls(TOKEN))
                    .as("the renewal is one more cgi-bin/token")
                    .isEqualTo(2);
            assertThat(data.calls(STABLE_TOKEN)).isZero();
            assertThat(data.calls(PHONE_API)).isEqualTo(4);
        }
    }

    /** The metric of getuserphonenumber calls with this outcome, or null before the first one. */
    private static Timer phoneTimer(String outcome) {
        return dev.service()
                .bean(MeterRegistry.class)
                .find("wxlogin.wechat.calls")
                .tag("api", PHONE_API)
                .tag("outcome", outcome)
                .timer();
    }

    private static void assertBound(Http.Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").isString()).isTrue();
    }
}
