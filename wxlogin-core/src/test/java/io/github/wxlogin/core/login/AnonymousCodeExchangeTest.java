package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Douyin's anonymous codes in the exchange: claimed once like login codes (a repeat of either is
 * {@code code_used} and spends nothing else), given back with the code when the platform did not hear
 * them, and refused as {@code unsupported}, before anything is claimed, for an app whose platform has
 * no anonymous login.
 */
class AnonymousCodeExchangeTest {

    private static final App DOUYIN = new App(Platform.DOUYIN, "tt1111111111111111", "s3cr3t", Optional.empty());
    private static final App WECHAT = new App("wx1111111111111111", "s3cr3t", Optional.empty());
    private static final LoginCodes BOTH = new LoginCodes(Optional.of("code-1"), Optional.of("anon-1"));

    /** Douyin's answers, held by the test. */
    private static final class HeldDouyin implements PlatformClient {
        final List<CompletableFuture<PlatformLogin>> calls = new ArrayList<>();

        @Override
        public boolean takesAnonymousCodes(App app) {
            return app.platform() == Platform.DOUYIN;
        }

        @Override
        public CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes codes) {
            CompletableFuture<PlatformLogin> answer = new CompletableFuture<>();
            calls.add(answer);
            return answer;
        }

        @Override
        public PlatformSession exchangeCode(App app, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            throw new UnsupportedOperationException();
        }
    }

    private final HeldDouyin platform = new HeldDouyin();
    private final CodeExchange exchange =
            new CodeExchange(AppThrottle.NONE, new InMemoryCodeLedger(1000, new FakeTicker()), platform);

    private static WxLoginException refusal(CompletableFuture<?> future) {
        return (WxLoginException) Futures.unwrap(future.handle((v, e) -> e).join());
    }

    @Test
    void bothCodesAreClaimedSoARepeatOfEitherIsCodeUsedAtOnce() {
        exchange.exchangeAsync(DOUYIN, BOTH);

        assertThat(refusal(exchange.exchangeAsync(DOUYIN, LoginCodes.of("code-1")))
                        .code())
                .isEqualTo(ErrorCode.CODE_USED);
        assertThat(refusal(exchange.exchangeAsync(DOUYIN, new LoginCodes(Optional.empty(), Optional.of("anon-1"))))
                        .code())
                .isEqualTo(ErrorCode.CODE_USED);
        assertThat(platform.calls).hasSize(1);
    }

    @Test
    void anAnonymousCodeIsNotALoginCodeOfTheSameText() {
        exchange.exchangeAsync(DOUYIN, new LoginCodes(Optional.empty(), Optional.of("same-text")));

        exchange.exchangeAsync(DOUYIN, LoginCodes.of("same-text"));

        assertThat(platform.calls).hasSize(2);
    }

    @Test
    void aSpentAnonymousCodeWithAFreshCodeKeepsTheFreshCodeUnspent() {
        exchange.exchangeAsync(DOUYIN, new LoginCodes(Optional.empty(), Optional.of("anon-1")));

        assertThat(refusal(exchange.exchangeAsync(DOUYIN, BOTH)).code()).isEqualTo(ErrorCode.CODE_USED);

        exchange.exchangeAsync(DOUYIN, LoginCodes.of("code-1"));
        assertThat(platform.calls).hasSize(2);
    }

    @Test
    void codesThePlatformDidNotHearAreBothGivenBack() {
        CompletableFuture<PlatformLogin> busy = exchange.exchangeAsync(DOUYIN, BOTH);
        platform.calls
                .get(0)
                .completeExceptionally(new PlatformException(
                        ErrorCode.UPSTREAM_UNAVAILABLE, "busy", Duration.ofSeconds(5), false, null));

        exchange.exchangeAsync(DOUYIN, BOTH);

        assertThat(refusal(busy).code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(platform.calls).hasSize(2);
    }

    @Test
    void anAnonymousCodeForAnAppWithoutAnonymousLoginIsUnsupportedAndClaimsNothing() {
        LoginCodes both = new LoginCodes(Optional.of("wx-code"), Optional.of("anon"));

        assertThat(refusal(exchange.exchangeAsync(WECHAT, both)).code()).isEqualTo(ErrorCode.UNSUPPORTED);

        exchange.exchangeAsync(WECHAT, LoginCodes.of("wx-code"));
        assertThat(platform.calls).as("the code was not claimed").hasSize(1);
    }

    @Test
    void thePortsDefaultRefusesAnAnonymousCodeAndTradesALoginCodeAlone() {
        PlatformClient wechatLike = new PlatformClient() {
            @Override
            public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
                return CompletableFuture.completedFuture(new PlatformSession("o_1", "a2V5", Optional.empty()));
            }

            @Override
            public PlatformSession exchangeCode(App app, String code) {
                return exchangeCodeAsync(app, code).join();
            }

            @Override
            public PlatformPhone phoneNumber(App app, String openid, String code) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean sessionKeyValid(App app, String openid, String sessionKey) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(wechatLike.takesAnonymousCodes(WECHAT)).isFalse();
        assertThat(refusal(wechatLike.exchangeAsync(WECHAT, BOTH)).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(wechatLike
                        .exchangeAsync(WECHAT, LoginCodes.of("c"))
                        .join()
                        .session()
                        .orElseThrow()
                        .openid())
                .isEqualTo("o_1");
    }
}
