package io.github.wxlogin.core.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeChatErrorsTest {

    private static WeChatError error(int errcode) {
        return new WeChatError("/sns/jscode2session", errcode, "errmsg of " + errcode);
    }

    @Test
    void invalidCodeIsInvalidCode() {
        WxLoginException e = WeChatErrors.toClientError(error(40029));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aCodeWeChatSawBeforeIsCodeUsed() {
        WxLoginException e = WeChatErrors.toClientError(error(40163));

        assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aHighRiskUserIsUserBlocked() {
        WxLoginException e = WeChatErrors.toClientError(error(40226));

        assertThat(e.code()).isEqualTo(ErrorCode.USER_BLOCKED);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void thePerMinuteLimitIsRateLimitedWithRetryAfter() {
        WxLoginException e = WeChatErrors.toClientError(error(45011));

        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    }

    @Test
    void busyIsUpstreamUnavailableWithRetryAfter() {
        WxLoginException e = WeChatErrors.toClientError(error(-1));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(WeChatErrors.isMisconfiguration(error(-1))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {40125, 40013, 41002, 41004, 40002})
    void refusedCredentialsAreUpstreamUnavailableAndAMisconfiguration(int errcode) {
        WxLoginException e = WeChatErrors.toClientError(error(errcode));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).isPresent();
        assertThat(WeChatErrors.isMisconfiguration(error(errcode))).isTrue();
        // The client did nothing wrong: it is not told WeChat's wording about the service's credentials.
        assertThat(e.detail()).doesNotContain("errmsg of");
    }

    @ParameterizedTest
    @ValueSource(ints = {40029, 40163, 40226, 45011, -1, 0, 12345})
    void onlyCredentialErrorsAreMisconfigurations(int errcode) {
        assertThat(WeChatErrors.isMisconfiguration(error(errcode))).isFalse();
    }

    @Test
    void aSpentPhoneQuotaIsUpstreamUnavailableWithItsOwnDetailAndAnHoursWait() {
        WeChatError quota = new WeChatError(WeChatClient.PHONE_NUMBER, 1400001, "errmsg of 1400001");

        WxLoginException e = WeChatErrors.toClientError(quota);

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.detail())
                .isEqualTo("WeChat's phone-number quota for this app is spent; the operator must buy more");
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(WeChatErrors.isPhoneQuotaSpent(quota)).isTrue();
        assertThat(WeChatErrors.isPhoneQuotaSpent(error(12345))).isFalse();
    }

    @Test
    void aRefusedPhoneCodeSaysItMayBeAnotherUsersAndALoginCodeDoesNot() {
        WxLoginException phone =
                WeChatErrors.toClientError(new WeChatError(WeChatClient.PHONE_NUMBER, 40029, "invalid code"));
        WxLoginException login = WeChatErrors.toClientError(error(40029));

        assertThat(phone.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(phone.detail()).contains("another user's");
        assertThat(login.detail()).isEqualTo("WeChat refused the code: it is unknown, expired or from another app");
    }

    @Test
    void anInvalidOpenidOnAPhoneCodeIsInvalidCodeAndElsewhereUpstreamUnavailable() {
        WxLoginException phone =
                WeChatErrors.toClientError(new WeChatError(WeChatClient.PHONE_NUMBER, 40003, "invalid openid"));
        WxLoginException elsewhere = WeChatErrors.toClientError(error(40003));

        assertThat(phone.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(elsewhere.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void anUnknownErrcodeIsUpstreamUnavailable() {
        WxLoginException e = WeChatErrors.toClientError(error(12345));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).isPresent();
    }

    @Test
    void unreachableWeChatIsUpstreamUnavailableWithRetryAfter() {
        WxLoginException e =
                WeChatErrors.toClientError(new WeChatUnavailable("/sns/jscode2session", "timed out", null));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ZERO));
    }

    @Test
    void theWeChatErrorIsKeptAsTheCause() {
        WeChatError cause = error(40029);

        assertThat(WeChatErrors.toClientError(cause)).hasCause(cause);
    }
}
