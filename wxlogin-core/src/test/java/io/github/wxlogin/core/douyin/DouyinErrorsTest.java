package io.github.wxlogin.core.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Douyin code the service knows, and what the client is told of it. */
class DouyinErrorsTest {

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "40018, /api/apps/v2/jscode2session, INVALID_CODE, false, false",
        "40019, /api/apps/v2/jscode2session, INVALID_CODE, false, false",
        "-1, /api/apps/v2/jscode2session, UPSTREAM_UNAVAILABLE, true, false",
        "40014, /api/apps/v2/jscode2session, UPSTREAM_UNAVAILABLE, true, true",
        "40015, /api/apps/v2/jscode2session, UPSTREAM_UNAVAILABLE, true, true",
        "40017, /api/apps/v2/jscode2session, UPSTREAM_UNAVAILABLE, true, true",
        "10002, /oauth/client_token/, UPSTREAM_UNAVAILABLE, true, true",
        "10003, /oauth/client_token/, UPSTREAM_UNAVAILABLE, true, true",
        "10013, /oauth/client_token/, UPSTREAM_UNAVAILABLE, true, true",
        "10020, /oauth/client_token/, UPSTREAM_UNAVAILABLE, true, false",
        "28001003, /api/apps/v1/get_phonenumber_info/, UPSTREAM_UNAVAILABLE, true, false",
        "28001008, /api/apps/v1/get_phonenumber_info/, UPSTREAM_UNAVAILABLE, true, false",
        "28001005, /api/apps/v1/get_phonenumber_info/, UPSTREAM_UNAVAILABLE, true, false",
        "28005187, /api/apps/v1/get_phonenumber_info/, INVALID_CODE, false, false",
        "12345, /api/apps/v2/jscode2session, UPSTREAM_UNAVAILABLE, true, false"
    })
    void eachCodeMapsToTheContract(
            long errNo, String api, ErrorCode code, boolean retryAfter, boolean misconfiguration) {
        DouyinError error = new DouyinError(api, errNo, "tips of " + errNo);

        PlatformException e = DouyinErrors.toClientError(error);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryAfter().isPresent()).isEqualTo(retryAfter);
        assertThat(DouyinErrors.isMisconfiguration(error)).isEqualTo(misconfiguration);
        // Douyin's wording about the service's credentials is not the client's business.
        assertThat(e.detail()).doesNotContain("tips of");
        // Only Douyin's "try again" answers leave a code unspent.
        assertThat(e.heard()).isEqualTo(!error.isBusy());
        assertThat(error.isBusy()).isEqualTo(errNo == -1 || errNo == 28001005);
    }

    @ParameterizedTest
    @CsvSource({"28001003, true", "28001008, true", "28005187, false", "40018, false"})
    void onlyARefusedTokenIsRenewed(long errNo, boolean renewed) {
        assertThat(DouyinErrors.isTokenRefused(new DouyinError(DouyinClient.PHONE_NUMBER, errNo, "t")))
                .isEqualTo(renewed);
    }

    @ParameterizedTest
    @CsvSource({"/api/apps/v2/jscode2session", "/oauth/client_token/"})
    void douyinUnreachableIsUpstreamUnavailableAndUnheard(String api) {
        PlatformException e = DouyinErrors.toClientError(new DouyinUnavailable(api, "timed out"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
        assertThat(e.retryAfter()).isPresent();
    }
}
