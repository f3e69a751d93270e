package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import io.github.wxlogin.core.token.RefreshTokens;
import java.security.SecureRandom;
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
 * the whole session, and refusal of every refresh token that is expired, unknown or malformed.
 */
class RefreshTest {

    static final String REFRESH = "/v1/auth/refresh";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

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
    void aSpentRefreshTokenIsTokenReusedAndEndsTheWholeSessionAtOnce() {
        Tokens login = dev.service().login(APP_1, "refresh-reuse");
        Tokens rotated = dev.service().refresh(login);
        assertThat(dev.http().me(rotated.bearer()).status()).isEqualTo(200);
        assertThat(dev.http().me(login.bearer()).status()).isEqualTo(200);

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

        assertProblem(dev.http().refresh(stolen.refresh()), 401, "token_reused");

        assertThat(dev.http().me(other.bearer()).status()).isEqualTo(200);
        assertThat(dev.service().refresh(other).sid()).isEqualTo(other.sid());
    }

    @Test
    void oneRefreshTokenPresentedManyTimesAtOnceIsSpentOnceAndTheReuseEndsTheSession() throws Exception {
        Tokens login = dev.service().login(APP_1, "refresh-race");
        int n = 8;

        List<Http.Reply> replies = Concurrently.run(n, i -> dev.http().refresh(login.refresh()));

        // Exactly one presentation spent it: its answer is a 200 (whose tokens die with the session) or,
        // when a reuse ended the session first, invalid_token. Of the others, the first to find the
        // session live is token_reused and ends it; any later one finds it ended: invalid_token.
        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        List<Http.Reply> reused = replies.stream()
                .filter(r ->
                        r.status() == 401 && r.json().get("code").asString().equals("token_reused"))
                .toList();
        assertThat(ok).as("%s", replies).hasSizeLessThanOrEqualTo(1);
        assertThat(reused).as("%s", replies).isNotEmpty().allSatisfy(r -> assertProblem(r, 401, "token_reused"));
        replies.stream()
                .filter(r -> !ok.contains(r) && !reused.contains(r))
                .forEach(r -> assertProblem(r, 401, "invalid_token"));
        for (Http.Reply r : ok) {
            Tokens won = Tokens.of(r);
            assertThat(won.sid()).isEqualTo(login.sid());
            assertProblem(dev.http().me(won.bearer()), 401, "invalid_token");
            assertProblem(dev.http().refresh(won.refresh()), 401, "invalid_token");
        }
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_audit WHERE event_type = 'refresh' AND session_id = ?")
                        .param(login.sid())
                        .query(Long.class)
                        .single())
                .as("refreshes granted")
                .isEqualTo(ok.size());
        assertProblem(dev.http().me(login.bearer()), 401, "invalid_token");
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT ended_at FROM wx_sessions WHERE id = ?")
                        .param(login.sid())
                        .query(Long.class)
                        .single())
                .isNotNull();
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
}
