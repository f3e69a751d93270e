package io.github.wxlogin.server.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/** The one mapping from a failure to its answer: status, code, detail and headers. */
class ProblemMappingTest {

    @Test
    void aRefusedBearerTokenSaysSoInWwwAuthenticateWhicheverPathAnswersIt() {
        for (Problem problem : List.of(
                ProblemMapping.from(WxLoginException.invalidToken("expired")),
                ProblemMapping.of(ErrorCode.INVALID_TOKEN, "the admin credential is missing or wrong", null),
                ProblemMapping.from(new WxLoginException(ErrorCode.TOKEN_REUSED, "reused")))) {
            assertThat(problem.status()).isEqualTo(401);
            assertThat(problem.headers()).containsEntry("WWW-Authenticate", List.of("Bearer error=\"invalid_token\""));
        }
        assertThat(ProblemMapping.of(ErrorCode.INVALID_CODE, "bad code", null).headers())
                .isEmpty();
    }

    @Test
    void a429OrA503AlwaysSaysWhenToComeBack() {
        assertThat(ProblemMapping.of(ErrorCode.UPSTREAM_UNAVAILABLE, "gone", null)
                        .headers())
                .containsEntry("Retry-After", List.of("5"));
        assertThat(ProblemMapping.from(new WxLoginException(
                                ErrorCode.RATE_LIMITED, "slow down", Duration.ofMillis(1200), null))
                        .headers())
                .containsEntry("Retry-After", List.of("2"));
        assertThat(ProblemMapping.of(ErrorCode.RATE_LIMITED, "slow down", Duration.ofMillis(10))
                        .headers())
                .containsEntry("Retry-After", List.of("1"));
    }

    @Test
    void aWxLoginExceptionIsAnsweredWithItsCodeAndDetail() {
        Problem problem =
                ProblemMapping.from(new WxLoginException(ErrorCode.CODE_USED, "the code was already exchanged"));

        assertThat(problem)
                .isEqualTo(new Problem(401, ErrorCode.CODE_USED, "the code was already exchanged", Map.of()));
    }

    @Test
    void aBodyOverTheLimitAnywhereAmongTheCausesIs413() {
        Problem problem = ProblemMapping.from(
                new IllegalStateException("reading", new UncheckedIOException(new BodyTooLargeException())));

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(problem.detail()).isEqualTo("the request body is over the 64 KiB limit");
    }

    @Test
    void unreadableJsonIsInvalidRequestWithoutEchoingTheInput() {
        Problem problem = ProblemMapping.from(new HttpMessageNotReadableException(
                "Unrecognized token 'secret-input'", new MockHttpInputMessage(new byte[0])));

        assertThat(problem.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(problem.detail()).isEqualTo("the body is not the JSON object this call takes");
    }

    @Test
    void springsOwnRefusalKeepsItsHeaders() {
        Problem problem =
                ProblemMapping.from(new HttpRequestMethodNotSupportedException("PUT", List.of("GET", "POST")));

        assertThat(problem.status()).isEqualTo(405);
        assertThat(problem.code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(problem.detail()).isEqualTo("this method is not allowed on this resource");
        assertThat(problem.headers()).containsKey("Allow");
        assertThat(String.join(",", problem.headers().get("Allow")))
                .contains("GET")
                .contains("POST");
    }

    @Test
    void anythingElseIs500AndNeverDescribed() {
        Problem problem = ProblemMapping.from(new IllegalStateException("db password is hunter2"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(problem.detail())
                .isEqualTo("the service failed; the error is logged")
                .doesNotContain("hunter2");
    }

    @Test
    void aStatusTheContainerDecidedStaysItsOwn() {
        assertThat(ProblemMapping.ofStatus(400))
                .isEqualTo(new Problem(400, ErrorCode.INVALID_REQUEST, "the request is malformed", Map.of()));
        assertThat(ProblemMapping.ofStatus(505).status()).isEqualTo(505);
        assertThat(ProblemMapping.ofStatus(505).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void aProblemsHeadersCannotBeChanged() {
        Problem problem = ProblemMapping.of(ErrorCode.INVALID_TOKEN, "no", null);

        assertThatThrownBy(() -> problem.headers().put("X", List.of("y")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> problem.headers().get("WWW-Authenticate").add("z"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
