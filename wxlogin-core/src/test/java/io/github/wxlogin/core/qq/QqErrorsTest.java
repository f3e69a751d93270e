package io.github.wxlogin.core.qq;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** QQ's code2Session errcodes, each to the contract's code, status and Retry-After. */
class QqErrorsTest {

    private static WeChatError error(int errcode) {
        return new WeChatError("/sns/jscode2session", errcode, "errmsg of " + errcode);
    }

    @ParameterizedTest(name = "errcode {0} is {1} ({2}), Retry-After {3} s, heard {4}")
    @CsvSource({
        // QQ's documented errcodes.
        "40029, INVALID_CODE, 401, , true",
        "45011, RATE_LIMITED, 429, 60, true",
        "-1, UPSTREAM_UNAVAILABLE, 503, 5, false",
        // What QQ does not document: WeChat's codes for a bad appid or secret, a spent code, a risky
        // user, and anything else. Never the client's fault.
        "40013, UPSTREAM_UNAVAILABLE, 503, 60, true",
        "40125, UPSTREAM_UNAVAILABLE, 503, 60, true",
        "40163, UPSTREAM_UNAVAILABLE, 503, 60, true",
        "40226, UPSTREAM_UNAVAILABLE, 503, 60, true",
        "12345, UPSTREAM_UNAVAILABLE, 503, 60, true",
    })
    void eachErrcodeHasItsContractCode(int errcode, ErrorCode code, int status, Integer retryAfter, boolean heard) {
        PlatformException e = QqErrors.toClientError(error(errcode));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.code().status()).isEqualTo(status);
        if (retryAfter == null) {
            assertThat(e.retryAfter()).isEmpty();
        } else {
            assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(retryAfter));
        }
        assertThat(e.heard()).isEqualTo(heard);
        assertThat(e.detail()).startsWith("QQ").doesNotContain("errmsg of").doesNotContain("WeChat");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 40029, 45011})
    void documentedErrcodesAreNoOperatorMatter(int errcode) {
        assertThat(QqErrors.isUndocumented(error(errcode))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {40013, 40125, 41002, 41004, 40163, 40226, 0, 12345})
    void everyOtherErrcodeIsForTheOperator(int errcode) {
        assertThat(QqErrors.isUndocumented(error(errcode))).isTrue();
    }

    @Test
    void qqOutOfReachIsUpstreamUnavailableNotHeardWithTheCircuitsRetryAfterWhenItHasOne() {
        PlatformException plain =
                QqErrors.toClientError(new WeChatUnavailable("/sns/jscode2session", "timed out", null));
        PlatformException open = QqErrors.toClientError(
                new WeChatUnavailable("/sns/jscode2session", "circuit open", Duration.ofSeconds(7), null));

        assertThat(plain.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(plain.heard()).isFalse();
        assertThat(plain.retryAfter()).hasValue(Duration.ofSeconds(5));
        assertThat(plain.detail()).isEqualTo("QQ could not be reached; try again shortly");
        assertThat(open.retryAfter()).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void thePhoneButtonQqDoesNotHaveIsUnsupported() {
        PlatformException e = QqErrors.noPhoneButton();

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.code().status()).isEqualTo(400);
        assertThat(e.code().code()).isEqualTo("unsupported");
        assertThat(e.heard()).isFalse();
    }
}
