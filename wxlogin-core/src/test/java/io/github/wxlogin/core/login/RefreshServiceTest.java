package io.github.wxlogin.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.RefreshConsumption.Outcome;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.user.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RefreshServiceTest {

    private static final ClientInfo PHONE = ClientInfo.of("MicroMessenger/8.0.47", "203.0.113.7");

    private final CoreFixture core = new CoreFixture();
    private final Account alice = core.account("u_alice");

    @Test
    void refreshSpendsTheTokenAndGivesANewPairForTheSameSession() {
        SessionGrant login = core.login(alice);
        core.clock.advance(Duration.ofMinutes(20));

        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), PHONE);

        assertThat(refreshed.sessionId()).isEqualTo(login.sessionId());
        assertThat(refreshed.refreshToken()).isNotEqualTo(login.refreshToken()).hasSize(43);
        assertThat(refreshed.accessToken().value())
                .isNotEqualTo(login.accessToken().value());
        assertThat(refreshed.newUser()).isFalse();
        assertThat(refreshed.account().user().id()).isEqualTo("u_alice");
        assertThat(refreshed.accessTokenTtl()).isEqualTo(core.settings.accessTokenTtl());
        assertThat(refreshed.refreshTokenTtl()).isEqualTo(core.settings.refreshTokenTtl());
        AccessClaims claims = core.guard.authenticate(refreshed.accessToken().value());
        assertThat(claims.sessionId()).isEqualTo(login.sessionId());
        assertThat(claims.userId()).isEqualTo("u_alice");
        assertThat(core.sessions
                        .refreshToken(RefreshTokens.hash(login.refreshToken()))
                        .orElseThrow()
                        .consumedAt())
                .contains(core.clock.instant());
        SessionRecord session = core.sessions.session(login.sessionId()).orElseThrow();
        assertThat(session.expiresAt()).isEqualTo(core.clock.instant().plus(core.settings.refreshTokenTtl()));
        assertThat(session.lastUsedAt()).isEqualTo(core.clock.instant());
        assertThat(core.auditLog.events(AuditType.REFRESH))
                .singleElement()
                .satisfies(e -> assertThat(e.sessionId()).contains(login.sessionId()));
    }

    @Test
    void theNewRefreshTokenRefreshesAgain() {
        SessionGrant first = core.refresh.refresh(core.login(alice).refreshToken(), PHONE);

        SessionGrant second = core.refresh.refresh(first.refreshToken(), PHONE);

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
    }

    @Test
    void aSpentTokenPresentedAgainAfterTheGraceIsTokenReusedAndEndsTheWholeSession() {
        SessionGrant login = core.login(alice);
        SessionGrant refreshed = core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(core.settings.refreshGrace());

        assertFails(login.refreshToken(), ErrorCode.TOKEN_REUSED);

        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isFalse();
        assertThat(core.sessions.endReason(login.sessionId())).contains("refresh_token_reused");
        assertThat(catchThrowableOfType(
                                WxLoginException.class,
                                () -> core.guard.authenticate(
                                        refreshed.accessToken().value()))
                        .code())
                .as("the access token of the new pair")
                .isEqualTo(ErrorCode.INVALID_TOKEN);
        assertFails(refreshed.refreshToken(), ErrorCode.INVALID_TOKEN);
        List<AuditEvent> reuses = core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED);
        assertThat(reuses).hasSize(1);
        assertThat(reuses.get(0).sessionId()).contains(login.sessionId());
        assertThat(reuses.get(0).userId()).contains("u_alice");
        assertThat(reuses.get(0).appId()).contains(CoreFixture.APP);
        assertThat(reuses.get(0).client()).isEqualTo(PHONE);
    }

    @Test
    void aSpentTokenPresentedOnceTheSessionHasEndedIsInvalidTokenAndNotAnotherTheft() {
        SessionGrant login = core.login(alice);
        core.refresh.refresh(login.refreshToken(), PHONE);
        core.clock.advance(core.settings.refreshGrace());
        assertFails(login.refreshToken(), ErrorCode.TOKEN_REUSED);

        assertFails(login.refreshToken(), ErrorCode.INVALID_TOKEN);

        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMissingOrMalformedTokenIsInvalidTokenWithoutAskingTheStore(String token) {
        core.login(alice);

        assertFails(token, ErrorCode.INVALID_TOKEN);

        assertThat(core.sessions.consumptions()).isEmpty();
    }

    static Stream<String> malformed() {
        String good = "A".repeat(43);
        return Stream.of(
                null,
                "",
                " ",
                "A".repeat(42),
                "A".repeat(44),
                good.substring(1) + "+",
                good.substring(1) + "/",
                good.substring(1) + "=",
                good.substring(1) + ".",
                good.substring(1) + " ",
                " " + good.substring(1),
                good.substring(1) + "\u00e9",
                good.substring(1) + "\n");
    }

    @Test
    void anUnknownWellFormedTokenIsInvalidToken() {
        core.login(alice);

        assertFails(new RefreshTokens(core.ids).newValue(), ErrorCode.INVALID_TOKEN);

        assertThat(core.sessions.consumptions()).containsExactly(Outcome.UNKNOWN);
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).isEmpty();
    }

    @Test
    void aTokenIsGoodOneSecondBeforeItsExpiryAndInvalidExactlyAtIt() {
        SessionGrant a = core.login(alice);
        SessionGrant b = core.login(alice);
        Instant expiry = CoreFixture.START.plus(core.settings.refreshTokenTtl());

        core.clock.set(expiry.minusSeconds(1));
        assertThat(core.refresh.refresh(a.refreshToken(), PHONE).sessionId()).isEqualTo(a.sessionId());

        core.clock.set(expiry);
        assertFails(b.refreshToken(), ErrorCode.INVALID_TOKEN);
        assertThat(core.sessions.consumptions()).endsWith(Outcome.EXPIRED);
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).isEmpty();
    }

    @Test
    void aDisabledUsersRefreshIsUserDisabledAndEndsTheSession() {
        SessionGrant login = core.login(alice);
        core.users.setDisabled("u_alice", true, core.clock.instant());

        assertFails(login.refreshToken(), ErrorCode.USER_DISABLED);

        assertThat(core.live.isLive(login.sessionId(), "u_alice")).isFalse();
        assertThat(core.sessions.session(login.sessionId()).orElseThrow().endedAt())
                .isPresent();
        assertThat(core.sessions.endReason(login.sessionId())).contains("user_disabled");
    }

    @Test
    void theSessionNeverOutlivesItsAbsoluteBound() {
        CoreFixture bounded = new CoreFixture(new TokenSettings(
                "https://login.example.test",
                "wxlogin",
                Duration.ofMinutes(15),
                Duration.ofDays(10),
                Duration.ofDays(15)));
        Account bob = bounded.account("u_bob");
        SessionGrant login = bounded.login(bob);
        Instant bound = CoreFixture.START.plus(Duration.ofDays(15));

        bounded.clock.set(CoreFixture.START.plus(Duration.ofDays(3)));
        SessionGrant early = bounded.refresh.refresh(login.refreshToken(), PHONE);
        assertThat(early.refreshTokenTtl()).as("far from the bound").isEqualTo(Duration.ofDays(10));

        bounded.clock.set(CoreFixture.START.plus(Duration.ofDays(9)));
        SessionGrant near = bounded.refresh.refresh(early.refreshToken(), PHONE);
        assertThat(near.refreshTokenTtl()).as("the TTL shrinks to the bound").isEqualTo(Duration.ofDays(6));
        assertThat(bounded.sessions.session(login.sessionId()).orElseThrow().expiresAt())
                .isEqualTo(bound);
        assertThat(bounded.sessions
                        .refreshToken(RefreshTokens.hash(near.refreshToken()))
                        .orElseThrow()
                        .record()
                        .expiresAt())
                .isEqualTo(bound);

        bounded.clock.set(bound.minusSeconds(1));
        SessionGrant last = bounded.refresh.refresh(near.refreshToken(), PHONE);
        assertThat(last.refreshTokenTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bounded.sessions.session(login.sessionId()).orElseThrow().expiresAt())
                .isEqualTo(bound);

        bounded.clock.set(bound);
        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> bounded.refresh.refresh(last.refreshToken(), PHONE));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(bounded.live.isLive(login.sessionId(), "u_bob")).isFalse();
    }

    @Test
    void aRefreshAfterLogoutIsInvalidTokenEveryTimeAndNoTheftIsRecorded() {
        SessionGrant login = core.login(alice);
        core.sessionService.logout(core.caller(login), PHONE);

        assertFails(login.refreshToken(), ErrorCode.INVALID_TOKEN);
        assertFails(login.refreshToken(), ErrorCode.INVALID_TOKEN);

        assertThat(core.sessions.renewCount()).isZero();
        assertThat(core.auditLog.events(AuditType.REFRESH_TOKEN_REUSED)).isEmpty();
    }

    @Test
    void ofThirtyTwoConcurrentRefreshesWithOneTokenOneSpendsItAndTheSessionKeepsAtMostOneLiveToken() throws Exception {
        SessionGrant login = core.login(alice);
        int threads = 32;
        List<Object> results = Concurrently.run(threads, Duration.ofSeconds(10), i -> {
            try {
                return core.refresh.refresh(login.refreshToken(), PHONE);
            } catch (WxLoginException e) {
                return e.code();
            }
        });

        // One token is spent once; every other presentation is of a token just spent, within the grace.
        assertThat(core.sessions.consumptions()).hasSize(threads);
        assertThat(core.sessions.consumptions())
                .filteredOn(o -> o == Outcome.SPENT_NOW)
                .hasSize(1);
        List<String> live = core.sessions.refreshTokensOf(login.sessionId()).stream()
                .filter(t -> !t.spent())
                .map(t -> t.record().hash())
                .toList();
        List<String> granted = results.stream()
                .filter(r -> r instanceof SessionGrant)
                .map(r -> RefreshTokens.hash(((SessionGrant) r).refreshToken()))
                .toList();
        if (core.live.isLive(login.sessionId(), "u_alice")) {
            // Each retry replaced the successor the one before it left: all answered, one token live.
            assertThat(results)
                    .as("results %s", results)
                    .allSatisfy(r -> assertThat(r).isInstanceOf(SessionGrant.class));
            assertThat(live).singleElement().isIn(granted);
            assertThat(core.auditLog.events(AuditType.REFRESH_RETRIED)).hasSize(threads - 1);
        } else {
            // The in-memory stores have no transactions: a presentation that came between the spend and
            // the renewal found a spent token with no successor yet, a theft signal (JDBC: see the server's
            // RefreshGraceTest, where the spend and the renewal are one transaction).
            assertThat(results).as("results %s", results).contains(ErrorCode.TOKEN_REUSED);
            assertThat(results)
                    .allSatisfy(r -> assertThat(r instanceof SessionGrant
                                    || r == ErrorCode.TOKEN_REUSED
                                    || r == ErrorCode.INVALID_TOKEN)
                            .isTrue());
        }
    }

    private void assertFails(String token, ErrorCode expected) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> core.refresh.refresh(token, PHONE));

        assertThat(e).as("refresh with %s", token).isNotNull();
        assertThat(e.code()).isEqualTo(expected);
        if (token != null && !token.isBlank()) {
            assertThat(e.getMessage()).doesNotContain(token.strip());
        }
    }
}
