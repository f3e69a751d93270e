package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.RefreshTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The refresh grace over the JDBC stores of this run's database (SQLite, H2, PostgreSQL, MariaDB),
 * through the core's refresh with its transactions and a clock the test moves. Presentations of one
 * spent token are judged one after another (the token's row is locked for the refresh's transaction),
 * so concurrent retries each replace the successor the one before them was answered with, and the
 * session is left with exactly one live refresh token.
 */
class JdbcRefreshGraceTest {

    private static final int THREADS = 8;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private CoreFixture f;

    @BeforeEach
    void compose() {
        f = new CoreFixture(b -> b.userStore(new JdbcUserStore(db.jdbc(), db.tx()))
                .sessionStore(new JdbcSessionStore(db.jdbc(), db.tx()))
                .signingKeyStore(new JdbcSigningKeyStore(db.jdbc(), db.tx()))
                .auditLog(new JdbcAuditLog(db.jdbc()))
                .transactions(new JdbcTransactions(db.tx())));
    }

    @Test
    void concurrentRetriesOfASpentTokenLeaveExactlyOneLiveToken() throws Exception {
        SessionGrant login = f.loginThroughPlatform(CoreFixture.APP, "o-retries");
        SessionGrant lost = f.refresh.refresh(login.refreshToken(), CoreFixture.PHONE);
        f.clock.advance(Duration.ofSeconds(2));

        List<Object> results = presentAtOnce(login.refreshToken());

        List<String> answered = answered(results);
        assertThat(answered).as("every retry is answered: %s", results).hasSize(THREADS);
        assertThat(answered).doesNotHaveDuplicates();
        assertThat(liveTokens(login.sessionId())).singleElement().isIn(answered);
        assertThat(liveTokens(login.sessionId())).doesNotContain(RefreshTokens.hash(lost.refreshToken()));
        assertThat(audited("refresh_retried")).isEqualTo(THREADS);
        assertThat(audited("refresh_token_reused")).isZero();
        assertThat(endedSessions()).isZero();
    }

    @Test
    void concurrentPresentationsOfAnUnspentTokenSpendItOnceAndLeaveExactlyOneLiveToken() throws Exception {
        SessionGrant login = f.loginThroughPlatform(CoreFixture.APP, "o-race");

        List<Object> results = presentAtOnce(login.refreshToken());

        // The spend and its successor are one transaction: the others wait for it, then are retries.
        List<String> answered = answered(results);
        assertThat(answered).as("results %s", results).hasSize(THREADS);
        assertThat(liveTokens(login.sessionId())).singleElement().isIn(answered);
        assertThat(audited("refresh")).isOne();
        assertThat(audited("refresh_retried")).isEqualTo(THREADS - 1);
        assertThat(endedSessions()).isZero();
    }

    @Test
    void theLiveTokenAfterConcurrentRetriesRefreshesOnAndTheOthersAreTheft() throws Exception {
        SessionGrant login = f.loginThroughPlatform(CoreFixture.APP, "o-after");
        f.refresh.refresh(login.refreshToken(), CoreFixture.PHONE);
        List<Object> results = presentAtOnce(login.refreshToken());
        assertThat(answered(results)).as("results %s", results).hasSize(THREADS);
        String live = liveTokens(login.sessionId()).get(0);
        SessionGrant holder = results.stream()
                .map(SessionGrant.class::cast)
                .filter(g -> RefreshTokens.hash(g.refreshToken()).equals(live))
                .findFirst()
                .orElseThrow();
        SessionGrant revoked = results.stream()
                .map(SessionGrant.class::cast)
                .filter(g -> g != holder)
                .findFirst()
                .orElseThrow();

        assertThat(f.refresh.refresh(holder.refreshToken(), CoreFixture.PHONE).sessionId())
                .isEqualTo(login.sessionId());
        assertThat(codeOf(revoked.refreshToken())).isEqualTo(ErrorCode.TOKEN_REUSED);
        assertThat(endedSessions()).isOne();
    }

    @Test
    void aRetryAfterTheGraceEndsTheSession() {
        SessionGrant login = f.loginThroughPlatform(CoreFixture.APP, "o-late");
        f.refresh.refresh(login.refreshToken(), CoreFixture.PHONE);
        f.clock.advance(f.settings.refreshGrace());

        assertThat(codeOf(login.refreshToken())).isEqualTo(ErrorCode.TOKEN_REUSED);

        assertThat(endedSessions()).isOne();
        assertThat(audited("refresh_retried")).isZero();
    }

    @Test
    void aRetryOnceTheSuccessorWasUsedEndsTheSession() {
        SessionGrant login = f.loginThroughPlatform(CoreFixture.APP, "o-used");
        SessionGrant first = f.refresh.refresh(login.refreshToken(), CoreFixture.PHONE);
        f.refresh.refresh(first.refreshToken(), CoreFixture.PHONE);

        assertThat(codeOf(login.refreshToken())).isEqualTo(ErrorCode.TOKEN_REUSED);

        assertThat(endedSessions()).isOne();
    }

    private List<Object> presentAtOnce(String refreshToken) throws Exception {
        return Concurrently.run(THREADS, Duration.ofSeconds(60), i -> {
            try {
                return f.refresh.refresh(refreshToken, CoreFixture.PHONE);
            } catch (WxLoginException e) {
                return e.code();
            }
        });
    }

    private static List<String> answered(List<Object> results) {
        return results.stream()
                .filter(SessionGrant.class::isInstance)
                .map(r -> RefreshTokens.hash(((SessionGrant) r).refreshToken()))
                .toList();
    }

    private ErrorCode codeOf(String refreshToken) {
        try {
            f.refresh.refresh(refreshToken, CoreFixture.PHONE);
            return null;
        } catch (WxLoginException e) {
            return e.code();
        }
    }

    private List<String> liveTokens(String sessionId) {
        return db.jdbc()
                .sql("SELECT token_hash FROM wx_refresh_tokens WHERE session_id = ? AND consumed_at IS NULL")
                .param(sessionId)
                .query(String.class)
                .list();
    }

    private long audited(String type) {
        return db.jdbc()
                .sql("SELECT COUNT(*) FROM wx_audit WHERE event_type = ?")
                .param(type)
                .query(Long.class)
                .single();
    }

    private long endedSessions() {
        return db.jdbc()
                .sql("SELECT COUNT(*) FROM wx_sessions WHERE ended_at IS NOT NULL")
                .query(Long.class)
                .single();
    }
}
