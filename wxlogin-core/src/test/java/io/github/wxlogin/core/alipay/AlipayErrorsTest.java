package io.github.wxlogin.core.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alipay's answers and the contract's codes: the one table, row by row. */
class AlipayErrorsTest {

    private static AlipayError error(String code, String subCode) {
        return new AlipayError("alipay.system.oauth.token", code, "msg of " + code, subCode, "sub_msg of " + subCode);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}, retry after {3}, code spent {4}, operator alert {5}")
    @CsvSource({
        // The auth code itself: unknown, expired, spent or another app's.
        "40002, isv.code-invalid, INVALID_CODE, 0, true, false",
        "40002, isv.unmatched-app-id, INVALID_CODE, 0, true, false",
        // Busy: tried again, then a 503 that gives the code back.
        "20000, isp.unknow-error, UPSTREAM_UNAVAILABLE, 5, false, false",
        "20000, aop.unknow-error, UPSTREAM_UNAVAILABLE, 5, false, false",
        "20000, ACQ.SYSTEM_ERROR, UPSTREAM_UNAVAILABLE, 5, false, false",
        "40004, aop.ACQ.SYSTEM_ERROR, UPSTREAM_UNAVAILABLE, 5, false, false",
        // This service's setup: an operator alert, never the client's fault.
        "40002, isv.invalid-signature, UPSTREAM_UNAVAILABLE, 60, true, true",
        "40002, isv.invalid-app-id, UPSTREAM_UNAVAILABLE, 60, true, true",
        "40002, isv.invalid-timestamp, UPSTREAM_UNAVAILABLE, 60, true, true",
        "40002, isv.grant-type-invalid, UPSTREAM_UNAVAILABLE, 60, true, true",
        "40001, isv.missing-signature, UPSTREAM_UNAVAILABLE, 60, true, true",
        "40006, isv.insufficient-isv-permissions, UPSTREAM_UNAVAILABLE, 60, true, true",
        "20001, aop.invalid-auth-token, UPSTREAM_UNAVAILABLE, 60, true, true",
        // Anything else: a 503 with what Alipay said.
        "40004, isv.something-new, UPSTREAM_UNAVAILABLE, 5, true, false",
    })
    void eachAnswerHasItsContractCode(
            String code, String subCode, ErrorCode expected, long retryAfter, boolean heard, boolean alert) {
        AlipayError e = error(code, subCode);

        PlatformException client = AlipayErrors.toClientError(e);

        assertThat(client.code()).isEqualTo(expected);
        assertThat(client.retryAfter().map(d -> d.toSeconds()).orElse(0L)).isEqualTo(retryAfter);
        assertThat(client.heard()).isEqualTo(heard);
        assertThat(AlipayErrors.isMisconfiguration(e)).isEqualTo(alert);
        assertThat(client.detail()).doesNotContain("sub_msg of");
    }

    @ParameterizedTest
    @CsvSource({"false, 5, false", "true, 60, true"})
    void unreachableGivesTheCodeBackButAnUntrustedAnswerSpendsIt(boolean untrusted, long retryAfter, boolean heard) {
        AlipayUnavailable e = untrusted
                ? AlipayUnavailable.untrusted("alipay.system.oauth.token", "answer carries no sign: refused")
                : new AlipayUnavailable("alipay.system.oauth.token", "timed out", null);

        PlatformException client = AlipayErrors.toClientError(e);

        assertThat(client.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(client.retryAfter())
                .hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(retryAfter));
        assertThat(client.heard()).isEqualTo(heard);
    }
}
