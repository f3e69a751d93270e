package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.token.RefreshTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/refresh}: rotation within one session, single use with reuse detection ending
 * the whole session, the retry of a lost answer within the refresh grace, and refusal of every refresh
 * token that is expired, unknown or malformed.
 */
class RefreshTest {

    static final String REFRESH = "/v1/auth/refresh";
    /**
     * Long, so a retry "at once" is within it on any machine; given as the documented environment
     * variable. The server's clock cannot be moved: a spend is moved back past the grace instead.
     */
    static final Duration GRACE = Duration.ofMinutes(10);

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(Map.of("WXLOGIN_REFRESH_GRACE", "10m"));

    // --- rotation -------------------------------------------------------------------------------

    @Test
    void refreshRotatesBothTokensInTheSameSessionAndTheChainGoesOn() throws Exception {
        Tokens login = dev.service().login(APP_1, "refresh-chain");
        Set<String> accessTokens = new HashSet<>(List.of(login.access()));
        Set<String> refreshTokens = new HashSet<>(List.of(login.refresh()));

        Tokens current = login;
        for (int i = 1; i <= 3; i++) {
            Http.Reply reply = dev.http().refresh(current.refresh());

            Tokens next = Tokens.of(reply);
            assertThat(reply.header("Cache-Control")).as("refresh %s", i).hasValue("no-store");
            assertThat(accessTokens.add(next.access()))
                    .as("refresh %s gives a new access token", i)
                    .isTrue();
            assertThat(refreshTokens.add(next.refresh()))
                    .as("refresh %s gives a new refresh token", i)
                    .isTrue();
            assertThat(next.refresh()).matches("[A-Za-z0-9_-]{43}");
            assertThat(next.sid()).as("sid after refresh %s", i).isEqualTo(login.sid());
            assertThat(next.appid()).isEqualTo(APP_1);
            assertThat(next.jwt().getJWTClaimsSet().getSubject()).isEqualTo(login.userId());
            assertThat(next.newUser()).isFalse();
            assertThat(next.user()).isEqualTo(login.user());

            Http.Reply me = dev.http().me(next.bearer());
            assertThat(me.status())
                    .as("/v1/me with the access token of refresh %s: %s", i, me)
                    .isEqualTo(200);
            assertThat(me.json()).isEqualTo(login.user());
            current = next;
        }
    }

    @Test
    void refreshedAccessTokenIsIssuedNowAndLivesTheFullTerm() throws Exception {
        Tokens login = dev.service().login(APP_2, "refresh-fresh-exp");
        Instant before = Instant.now().minusSeconds(1);

        Tokens next = dev.service().refresh(login);

        Instant iat = next.jwt().getJWTClaimsSet().getIssueTime().toInstant();
        Instant exp = next.jwt().getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(iat).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(exp).isEqualTo(iat.plusSeconds(Contract.ACCESS_TTL));
        assertThat(next.appid()).isEqualTo(APP_2);
        assertThat(next.user().get("openid").asString())
                .isEqualTo(dev.service()
                        .sim()
                        .session(APP_2, "refresh-fresh-exp")
                        .get("openid")
                        .asString());
    }

    @Test
    void aRefreshNeverCarriesTheSessionPastItsAbsoluteLifetime() {
        Tokens login = dev.service().login(APP_1, "refresh-max-lifetime");
        // Started 90 days less an hour ago (wxlogin.tokens.session-max-lifetime is 90 days).
        long created = Instant.now()
                .minus(java.time.Duration.ofDays(90))
                .plusSeconds(3600)
                .toEpochMilli();
        dev.service()
                .jdbc()
                .sql("UPDATE wx_sessions SET created_at = ? WHERE id = ?")
                .params(created, login.sid())
                .update();

        Http.Reply r = dev.http().refresh(login.refresh());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        long refreshExpiresIn = r.json().get("refreshExpiresIn").asLong();
        assertThat(refreshExpiresIn).isBetween(3500L, 3600L);
        assertThat(r.json().get("expiresIn").asLong()).isEqualTo(Contract.ACCESS_TTL);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT expires_at FROM wx_sessions WHERE id = ?")
                        .param(login.sid())
                        .query(Long.class)
                        .single())
                .isEqualTo(created + java.time.Duration.ofDays(90).toMillis());
    }

    // --- reuse ----------------------------------------------------------------------------------

    @Test
    void aSpentRefreshTokenPresentedAfterTheGraceIsTokenReusedAndEndsTheWholeSessionAtOnce() {
        Tokens login = dev.service().login(APP_1, "refresh-reuse");
        Tokens rotated = dev.service().refresh(login);
        assertThat(dev.http().me(rotated.bearer()).status()).isEqualTo(200);
        assertThat(dev.http().me(login.bearer()).status()).isEqualTo(200);
        spentBeforeTheGrace(login);

        JsonNode problem = assertProblem(dev.http().refresh(login.refresh()), 401, "token_reused");

        assertThat(problem.get("detail").asString()).doesNotContain(login.refresh());
        // Every access token of the session is refused at once, although none has expired...
        assertProblem(dev.http().me(rotated.bearer()), 401, "invalid_token");
        assertProblem(dev.http().me(login.bearer()), 401, "invalid_token");
        // ...and so is its current refresh token: the session has ended, so it is invalid_token.
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
        // Once the session has ended there is nothing left to protect: spent tokens are invalid_token.
        assertProblem(dev.http().refresh(login.refresh()), 401, "invalid_token");
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
    }

    @Test
    void aSpentRefreshTokenOfASessionThatWasLoggedOutIsInvalidTokenNotReuse() {
        Tokens login = dev.service().login(APP_1, "refresh-after-logout");
        Tokens rotated = dev.service().refresh(login);
        assertThat(dev.http().logout(rotated.access()).status()).isEqualTo(204);

        assertProblem(dev.http().refresh(login.refresh()), 401, "invalid_token");
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
        assertProblem(dev.http().refresh(rotated.refresh()), 401, "invalid_token");
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_audit WHERE event_type = 'refresh_token_reused'"
                                + " AND session_id = ?")
                        .param(login.sid())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void reuseEndsOnlyThatSessionNotTheUsersOthers() {
        Tokens stolen = dev.service().login(APP_1, "refresh-reuse-other");
        Tokens other = dev.service().login(APP_1, "refresh-reuse-other");
        dev.service().refresh(stolen);
        spentBeforeTheGrace(stolen);

        assertProblem(dev.http().refresh(stolen.refresh()), 401, "token_reused");

        assertThat(dev.http().me(other.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(other).sid()).isEqualTo(other.sid());
    }

    // --- the retry of a lost answer, within the grace --------------------------------------------

    @Test
    void aRetryWithinTheGraceIsAnsweredAsTheFirstTimeWasAndTheFirstSuccessorIsDead() {
        Tokens login = dev.service().login(APP_1, "refresh-retry");
        Tokens lost = dev.service().refresh(login); // the answer the phone never received

        Http.Reply retry = dev.http().refresh(login.refresh());

        assertThat(retry.status()).as("%s", retry).isEqualTo(200);
        assertThat(retry.header("Cache-Control")).hasValue("no-store");
        Tokens retried = Tokens.of(retry);
        assertThat(retried.sid()).isEqualTo(login.sid());
        assertThat(retried.user()).isEqualTo(login.user());
        assertThat(retried.newUser()).isFalse();
        assertThat(retried.refresh()).isNotEqualTo(lost.refresh()).matches("[A-Za-z0-9_-]{43}");
        assertThat(retried.access()).isNotEqualTo(lost.access());
        assertThat(retry.json().get("refreshExpiresIn").asLong()).isEqualTo(Contract.REFRESH_TTL);
        assertThat(dev.http().me(retried.bearer()).status()).isEqualTo(200);
        assertThat(liveRefreshTokens(login.sid())).containsExactly(RefreshTokens.hash(retried.refresh()));
        assertThat(auditCount("refresh_retried", login.sid())).isOne();

        // The first successor was revoked: whoever presents it is not the phone that retried.
        JsonNode problem = assertProblem(dev.http().refresh(lost.refresh()), 401, "token_reused");
        assertThat(problem.get("detail").asString()).doesNotContain(lost.refresh());
        assertProblem(dev.http().me(retried.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(retried.refresh()), 401, "invalid_token");
    }

    @Test
    void theRetrysRefreshTokenCarriesTheSessionOn() {
        Tokens login = dev.service().login(APP_2, "refresh-retry-chain");
        dev.service().refresh(login);
        Tokens retried = dev.service().refresh(login);

        Tokens next = dev.service().refresh(retried);

        assertThat(next.sid()).isEqualTo(login.sid());
        assertThat(dev.http().me(next.bearer()).status()).isEqualTo(200);
        assertThat(liveRefreshTokens(login.sid())).containsExactly(RefreshTokens.hash(next.refresh()));
    }

    @Test
    void aRetryAfterTheGraceIsTheftAndEndsTheSession() {
        Tokens login = dev.service().login(APP_1, "refresh-retry-late");
        Tokens refreshed = dev.service().refresh(login);
        spentBeforeTheGrace(login);

        assertProblem(dev.http().refresh(login.refresh()), 401, "token_reused");

        assertProblem(dev.http().me(refreshed.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(refreshed.refresh()), 401, "invalid_token");
        assertThat(sessionEnded(login.sid())).isTrue();
        assertThat(auditCount("refresh_retried", login.sid())).isZero();
    }

    @Test
    void aRetryOnceTheSuccessorWasUsedIsTheftEvenWithinTheGrace() {
        Tokens login = dev.service().login(APP_1, "refresh-retry-used");
        Tokens first = dev.service().refresh(login);
        Tokens second = dev.service().refresh(first);

        assertProblem(dev.http().refresh(login.refresh()), 401, "token_reused");

        assertProblem(dev.http().me(second.bearer()), 401, "invalid_token");
        assertProblem(dev.http().refresh(second.refresh()), 401, "invalid_token");
        assertThat(sessionEnded(login.sid())).isTrue();
    }

    @Test
    void oneRefreshTokenPresentedManyTimesAtOnceIsSpentOnceAndTheSessionKeepsOneLiveToken() throws Exception {
        Tokens login = dev.service().login(APP_1, "refresh-race");
        int n = 8;

        List<Http.Reply> replies = Concurrently.run(n, i -> dev.http().refresh(login.refresh()));

        // One presentation spent it; every other one, of a token just spent whose successor is unused,
        // was taken as a retry: each in turn replaced the successor the one before it was answered with.
        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<String> answered = replies.stream()
                .map(r -> RefreshTokens.hash(Tokens.of(r).refresh()))
                .toList();
        assertThat(answered).doesNotHaveDuplicates();
        assertThat(liveRefreshTokens(login.sid())).singleElement().isIn(answered);
        assertThat(auditCount("refresh", login.sid())).isOne();
        assertThat(auditCount("refresh_retried", login.sid())).isEqualTo(n - 1);
        assertThat(sessionEnded(login.sid())).isFalse();
    }

    @Test
    void concurrentRetriesOfASpentTokenLeaveExactlyOneLiveToken() throws Exception {
        Tokens login = dev.service().login(APP_2, "refresh-retry-race");
        Tokens lost = dev.service().refresh(login);
        int n = 8;

        List<Http.Reply> replies = Concurrently.run(n, i -> dev.http().refresh(login.refresh()));

        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<Tokens> retried = replies.stream().map(Tokens::of).toList();
        List<String> answered =
                retried.stream().map(t -> RefreshTokens.hash(t.refresh())).toList();
        List<String> live = liveRefreshTokens(login.sid());
        assertThat(live).singleElement().isIn(answered);
        assertThat(live).doesNotContain(RefreshTokens.hash(lost.refresh()));
        Tokens holder = retried.get(answered.indexOf(live.get(0)));
        assertThat(dev.service().refresh(holder).sid()).isEqualTo(login.sid());
    }

    // --- refused tokens -------------------------------------------------------------------------

    @Test
    void anExpiredRefreshTokenIsInvalidToken() {
        Tokens login = dev.service().login(APP_1, "refresh-expired");
        // The server's clock cannot be moved: the token's expiry is moved to the past instead.
        int moved = dev.service()
                .jdbc()
                .sql("UPDATE wx_refresh_tokens SET expires_at = ? WHERE token_hash = ?")
                .params(Instant.now().minusSeconds(1).toEpochMilli(), RefreshTokens.hash(login.refresh()))
                .update();
        assertThat(moved).isEqualTo(1);

        assertProblem(dev.http().refresh(login.refresh()), 401, "invalid_token");
        // Still unspent: an expired token presented again is not taken for reuse.
        assertProblem(dev.http().refresh(login.refresh()), 401, "invalid_token");
    }

    @Test
    void aRefreshTokenOfAnExpiredSessionIsInvalidToken() {
        Tokens login = dev.service().login(APP_1, "refresh-session-expired");
        dev.service()
                .jdbc()
                .sql("UPDATE wx_sessions SET expires_at = ? WHERE id = ?")
                .params(Instant.now().minusSeconds(1).toEpochMilli(), login.sid())
                .update();

        assertProblem(dev.http().refresh(login.refresh()), 401, "invalid_token");
    }

    @Test
    void anUnknownRefreshTokenOfTheRightFormIsInvalidToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String neverIssued = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        assertThat(neverIssued).hasSize(43);

        assertProblem(dev.http().refresh(neverIssued), 401, "invalid_token");
        assertProblem(dev.http().refresh("A".repeat(43)), 401, "invalid_token");
    }

    @Test
    void anAccessTokenIsNotARefreshToken() {
        Tokens login = dev.service().login(APP_1, "refresh-with-access");

        assertProblem(dev.http().refresh(login.access()), 401, "invalid_token");
        assertThat(dev.service().refresh(login).sid()).isEqualTo(login.sid());
    }

    @Test
    void aMalformedRefreshTokenIsInvalidToken() {
        Tokens login = dev.service().login(APP_1, "refresh-malformed");
        String real = login.refresh();

        assertProblem(dev.http().postJson(REFRESH, "{}"), 401, "invalid_token");
        assertProblem(dev.http().postJson(REFRESH, "{\"refreshToken\":null}"), 401, "invalid_token");
        assertProblem(dev.http().postJson(REFRESH, "{\"refresh_token\":\"" + real + "\"}"), 401, "invalid_token");
        assertProblem(dev.http().refresh(""), 401, "invalid_token");
        assertProblem(dev.http().refresh("0123456789"), 401, "invalid_token");
        assertProblem(dev.http().refresh(real.substring(0, 42)), 401, "invalid_token");
        assertProblem(dev.http().refresh(real + "A"), 401, "invalid_token");
        assertProblem(dev.http().refresh(" " + real), 401, "invalid_token");
        assertProblem(dev.http().refresh(real.substring(0, 42) + "="), 401, "invalid_token");
        assertProblem(dev.http().refresh("x".repeat(5000)), 401, "invalid_token");
        // None of these spent the real token.
        assertThat(dev.service().refresh(login).sid()).isEqualTo(login.sid());
    }

    @Test
    void aRefreshTokenGivenAsANumberIsInvalidToken() {
        assertProblem(dev.http().postJson(REFRESH, "{\"refreshToken\":1234567890}"), 401, "invalid_token");
        assertProblem(dev.http().postJson(REFRESH, "{\"refreshToken\":true}"), 401, "invalid_token");
        assertProblem(
                dev.http().postJson(REFRESH, "{\"refreshToken\":[\"" + "A".repeat(43) + "\"]}"), 401, "invalid_token");
    }

    @Test
    void aBodyThatIsNotTheJsonObjectIsInvalidRequest() {
        Tokens login = dev.service().login(APP_1, "refresh-not-json");

        assertProblem(dev.http().postJson(REFRESH, "refreshToken=" + login.refresh()), 400, "invalid_request");
        assertProblem(
                dev.http().postJson(REFRESH, "{\"refreshToken\":\"" + login.refresh() + "\""), 400, "invalid_request");
        assertProblem(dev.http().postJson(REFRESH, "[\"" + login.refresh() + "\"]"), 400, "invalid_request");
        assertProblem(dev.http().postJson(REFRESH, ""), 400, "invalid_request");
        assertThat(dev.http()
                        .post(
                                REFRESH,
                                "text/plain",
                                ("{\"refreshToken\":\"" + login.refresh() + "\"}")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(415);
        // The token in those bodies was never read, so it is still good.
        assertThat(dev.service().refresh(login).sid()).isEqualTo(login.sid());
    }

    @Test
    void refreshIsPostOnly() {
        assertThat(dev.http().get(REFRESH).status()).isEqualTo(405);
        assertProblem(dev.http().get(REFRESH), 405, "method_not_allowed");
    }

    @Test
    void unknownFieldsInTheRefreshBodyAreIgnored() {
        Tokens login = dev.service().login(APP_1, "refresh-extra");

        Http.Reply r = dev.http()
                .postJson(
                        REFRESH,
                        Http.JSON.writeValueAsString(Map.of(
                                "refreshToken", login.refresh(), "userId", "u_someoneelse", "extra", List.of(1, 2))));

        assertThat(Tokens.of(r).userId()).isEqualTo(login.userId());
    }

    /** Moves a spent token's spend back past the grace, as if it had been spent that long ago. */
    static void spentBeforeTheGrace(Tokens spent) {
        int moved = dev.service()
                .jdbc()
                .sql("UPDATE wx_refresh_tokens SET consumed_at = consumed_at - ? WHERE token_hash = ?"
                        + " AND consumed_at IS NOT NULL")
                .params(GRACE.plusSeconds(1).toMillis(), RefreshTokens.hash(spent.refresh()))
                .update();
        assertThat(moved).as("a spent token").isOne();
    }

    /** The hashes of the session's unspent refresh tokens. */
    static List<String> liveRefreshTokens(String sid) {
        return dev.service()
                .jdbc()
                .sql("SELECT token_hash FROM wx_refresh_tokens WHERE session_id = ? AND consumed_at IS NULL")
                .param(sid)
                .query(String.class)
                .list();
    }

    static boolean sessionEnded(String sid) {
        return dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_sessions WHERE id = ? AND ended_at IS NOT NULL")
                        .param(sid)
                        .query(Long.class)
                        .single()
                == 1;
    }

    static long auditCount(String type, String sid) {
        return dev.service()
                .jdbc()
                .sql("SELECT COUNT(*) FROM wx_audit WHERE event_type = ? AND session_id = ?")
                .params(type, sid)
                .query(Long.class)
                .single();
    }
}
