package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.InMemorySessionStore.StoredRefreshToken;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.user.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refresh grace: a just-spent refresh token presented again (the retry of a refresh whose answer
 * was lost) is answered with a new successor while the first successor is unused, and the first
 * successor is revoked; after the grace, or once the successor was used, it is a theft signal.
 */
class RefreshGraceTest {

    private static final ClientInfo PHONE = ClientInfo.of("MicroMessenger/8.0.47", "203.0.113.7");
    private static final ClientInfo RETRY = ClientInfo.of("MicroMessenger/8.0.48", "198.51.100.9");

    private final CoreFixture core = new CoreFixture();
    private final Duration grace = core.settings.refreshGrace();
    private final Account alice = core.account("u_alice");

    @Test
    void theGraceIsTenSecondsByDefault() {
        assertThat(TokenSettings.defaults("https://login.example.test").refreshGrace())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aRetryWithinTheGraceIsAnsweredWithANewSuccessorForTheSameSession() {
        SessionGrant login = core.login(alice);
        SessionGrant lost = core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(Duration.ofSeconds(3));

        SessionGrant retried = core.refresh.refresh(login.refreshToken(), RETRY);

        assertThat(retried.sessionId()).isEqualTo(login.sessionId());
        assertThat(retried.refreshToken()).isNotEqualTo(lost.refreshToken()).hasSize(43);
        assertThat(retried.accessToken().value())
                .isNotEqualTo(lost.accessToken().value());
        assertThat(retried.refreshTokenTtl()).isEqualTo(core.settings.refreshTokenTtl());
        assertThat(core.guard.authenticate(retried.accessToken().value()).sessionId())
                .isEqualTo(login.sessionId());
        var session = core.sessions.session(login.sessionId()).orElseThrow();
        assertThat(session.expiresAt()).isEqualTo(core.clock.instant().plus(core.settings.refreshTokenTtl()));
        assertThat(session.lastUsedAt()).isEqualTo(core.clock.instant());
        assertThat(session.userAgent()).contains("MicroMessenger/8.0.48");
        List<AuditEvent> retries = core.auditLog.events(AuditType.REFRESH_RETRIED);
        assertThat(retries).singleElement().satisfies(e -> {
            assertThat(e.sessionId()).contains(login.sessionId());
            assertThat(e.userId()).contains("u_alice");
            assertThat(e.appId()).contains(CoreFixture.APP);
            assertThat(e.client()).isEqualTo(RETRY);
        });
        assertThat(core.auditLog.events(AuditType.REFRESH)).hasSize(1);
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).isEmpty();
    }

    @Test
    void afterARetryTheSessionHasOneLiveRefreshTokenTheRetrysOwn() {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);

        SessionGrant retried = core.refresh.refresh(login.refreshToken(), PHONE);

        assertThat(liveTokens(login.sessionId())).containsExactly(RefreshTokens.hash(retried.refreshToken()));
        SessionGrant next = core.refresh.refresh(retried.refreshToken(), PHONE);
        assertThat(next.sessionId()).as("the chain goes on").isEqualTo(login.sessionId());
        assertThat(liveTokens(login.sessionId())).containsExactly(RefreshTokens.hash(next.refreshToken()));
    }

    @Test
    void theFirstSuccessorIsDeadAfterARetryAndPresentingItEndsTheSession() {
        SessionGrant login = core.login(alice);
        SessionGrant lost = core.refresh.refresh(login.refreshToken(), PHONE);
        SessionGrant retried = core.refresh.refresh(login.refreshToken(), PHONE);

        // A spent token again (revoked, with no successor of its own): whoever holds it is not the one who
        // retried, so the session is ended, as for any theft signal.
        assertFails(lost.refreshToken(), ErrorCode.TOKEN_REUSED);

        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isFalse();
        assertThat(core.sessions.endReason(login.sessionId())).contains("refresh_token_reused");
        assertFails(retried.refreshToken(), ErrorCode.INVALID_TOKEN);
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).hasSize(1);
    }

    @Test
    void eachRetryWithinTheGraceRevokesTheSuccessorTheOneBeforeWasAnswered() {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(Duration.ofSeconds(2));
        SessionGrant second = core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(Duration.ofSeconds(2));

        SessionGrant third = core.refresh.refresh(login.refreshToken(), PHONE);

        assertThat(liveTokens(login.sessionId())).containsExactly(RefreshTokens.hash(third.refreshToken()));
        assertThat(core.sessions.refreshToken(RefreshTokens.hash(second.refreshToken())))
                .hasValueSatisfying(t -> assertThat(t.consumedAt()).contains(core.clock.instant()));
        assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).hasSize(2);
    }

    @Test
    void theGraceCountsFromTheSpendAndEndsExactlyAfterTheGrace() {
        SessionGrant a = core.login(alice);
        SessionGrant b = core.login(alice);
        core.refresh.refresh(a.refreshToken(), PHONE);
        core.refresh.refresh(b.refreshToken(), PHONE);
        Instant spent = core.clock.instant();

        core.clock.set(spent.plus(grace).minusMillis(1));
        assertThat(core.refresh.refresh(a.refreshToken(), PHONE).sessionId())
                .as("the last millisecond of the grace")
                .isEqualTo(a.sessionId());

        core.clock.set(spent.plus(grace));
        assertFails(b.refreshToken(), ErrorCode.TOKEN_REUSED);
        assertThat(core.live.isLive(b.sessionId(), "u_alice")).isFalse();
        assertThat(core.live.isLive(a.sessionId(), "u_alice")).isTrue();
    }

    @Test
    void aRetryAfterARetryStillCountsFromTheFirstSpend() {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(grace.minusSeconds(1));
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(Duration.ofSeconds(1));

        assertFails(login.refreshToken(), ErrorCode.TOKEN_REUSED);
        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isFalse();
    }

    @Test
    void aSpentTokenPresentedAgainOnceItsSuccessorWasUsedIsTheftEvenWithinTheGrace() {
        SessionGrant login = core.login(alice);
        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), PHONE);
        SessionGrant next = core.refresh.refresh(refreshed.refreshToken(), PHONE);

        assertFails(login.refreshToken(), ErrorCode.TOKEN_REUSED);

        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isFalse();
        assertFails(next.refreshToken(), ErrorCode.INVALID_TOKEN);
        assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).isEmpty();
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).hasSize(1);
    }

    @Test
    void aZeroGraceMakesEveryReuseTheft() {
        CoreFixture strict = new CoreFixture(
                TokenSettings.defaults("https://login.example.test").withRefreshGrace(Duration.ZERO));
        SessionGrant login = strict.login(strict.account("u_bob"));
        strict.refresh.refresh(login.refreshToken(), PHONE);

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> strict.refresh.refresh(login.refreshToken(), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REUSED);
        assertThat(strict.live.isLive(login.sessionId(), "u_bob")).isFalse();
    }

    @Test
    void aRetryForASessionThatEndedMeanwhileIsInvalidTokenAndNoTheft() {
        SessionGrant login = core.login(alice);
        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), PHONE);
        core.sessionService.logout(core.caller(refreshed), PHONE);

        assertFails(login.refreshToken(), ErrorCode.INVALID_TOKEN);

        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).isEmpty();
        assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).isEmpty();
    }

    @Test
    void aRetryOfADisabledUsersSessionIsUserDisabledAndEndsTheSession() {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.users.setDisabled("u_alice", true, core.clock.instant());

        assertFails(login.refreshToken(), ErrorCode.USER_DISABLED);

        assertThat(core.sessions.endReason(login.sessionId())).contains("user_disabled");
        assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).isEmpty();
    }

    @Test
    void ofEightConcurrentRetriesEachReplacesTheSuccessorBeforeItAndOneTokenStaysLive() throws Exception {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(Duration.ofSeconds(1));
        int threads = 8;

        List<SessionGrant> grants = Concurrently.run(
                threads, Duration.ofSeconds(10), i -> core.refresh.refresh(login.refreshToken(), PHONE));

        assertThat(grants).allSatisfy(g -> assertThat(g.sessionId()).isEqualTo(login.sessionId()));
        List<String> granted =
                grants.stream().map(g -> RefreshTokens.hash(g.refreshToken())).toList();
        assertThat(granted).doesNotHaveDuplicates();
        assertThat(liveTokens(login.sessionId())).singleElement().isIn(granted);
        assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).hasSize(threads);
        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isTrue();
    }

    private List<String> liveTokens(String sessionId) {
        return core.sessions.refreshTokensOf(sessionId).stream()
                .filter(t -> !t.spent())
                .map(StoredRefreshToken::record)
                .map(r -> r.hash())
                .toList();
    }

    private void assertFails(String token, ErrorCode expected) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> core.refresh.refresh(token, PHONE));

        assertThat(e).as("refresh with a token").isNotNull();
        assertThat(e.code()).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain(token);
    }
}
