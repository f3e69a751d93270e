package io.github.wxlogin.server.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponseException;
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
    void theDatabaseOutOfReachIs503UpstreamUnavailableWithRetryAfterOnWhateverPathItComes() {
        for (Throwable failure : List.of(
                // The pool gave up waiting for a connection, as the transaction manager reports it.
                new CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001")),
                // The same outside a transaction (a read).
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"),
                // A statement on a connection the server closed (PostgreSQL's 57P01, admin shutdown).
                new DataAccessResourceFailureException(
                        "terminating connection due to administrator command", new SQLException("FATAL", "57P01")),
                // A commit on a connection lost: Spring does not sort it, SQLSTATE class 08 does.
                new TransactionSystemException(
                        "Could not commit JDBC transaction", new SQLException("An I/O error occurred", "08006")),
                // A statement on a lost connection, then its rollback on the closed one: Spring throws the
                // rollback's failure and keeps the statement's as the application exception.
                rollbackFailedAfter(new DataAccessResourceFailureException(
                        "terminating connection due to administrator command", new SQLException("FATAL", "57P01"))),
                // A commit on a connection the server closed, then the rollback Spring tries after it on the
                // pool's closed connection: Spring throws the rollback's failure and only logs the commit's.
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")),
                // Escaped a filter, reported by the error page.
                new ErrorResponseException(
                        HttpStatus.INTERNAL_SERVER_ERROR, new CannotGetJdbcConnectionException("no connection")))) {
            Problem problem = ProblemMapping.from(failure);

            assertThat(problem.status()).as("%s", failure).isEqualTo(503);
            assertThat(problem.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
            assertThat(problem.detail()).isEqualTo("the service's database is unavailable; try again shortly");
            assertThat(problem.headers()).containsEntry("Retry-After", List.of("5"));
        }
    }

    @Test
    void otherDatabaseFailuresStayInternalErrors() {
        for (Throwable failure : List.of(
                new BadSqlGrammarException("query", "SELECT", new SQLException("syntax error", "42601")),
                new DataIntegrityViolationException("not null", new SQLException("null value", "23502")),
                new TransactionSystemException("Could not commit JDBC transaction", new SQLException("no", "40001")),
                // A commit on a connection the service closed itself: a bug, with no rollback after it.
                new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed")),
                rollbackFailedAfter(new IllegalStateException("a bug")))) {
            Problem problem = ProblemMapping.from(failure);

            assertThat(problem.status()).as("%s", failure).isEqualTo(500);
            assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        }
    }

    private static TransactionSystemException rollbackFailedAfter(RuntimeException statement) {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(statement);
        return rollback;
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
