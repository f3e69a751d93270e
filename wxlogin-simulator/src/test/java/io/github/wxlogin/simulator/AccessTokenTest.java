package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.secret;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccessTokenTest {

    private final TestSim t = new TestSim();

    /** Any API call that needs a token: checksession of a user that exists, with a bad signature. */
    private int use(String token) {
        t.signIn(APP_1, "alice");
        SimResponse r = t.get(
                "/wxa/checksession",
                "access_token",
                token,
                "openid",
                Identities.openid(APP_1, "alice"),
                "signature",
                "00",
                "sig_method",
                "hmac_sha256");
        return errcode(r); // 87009 means the token was accepted and the signature looked at
    }

    private static final int ACCEPTED = 87009;

    @Test
    void tokenCallGivesATokenFor7200SecondsWithoutErrcode() {
        JsonNode body = success(
                t.get("/cgi-bin/token", "grant_type", "client_credential", "appid", APP_1, "secret", secret(APP_1)));

        assertThat(body.get("access_token").asString()).hasSizeGreaterThan(64).matches("[A-Za-z0-9_-]+");
        assertThat(body.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(use(body.get("access_token").asString())).isEqualTo(ACCEPTED);
    }

    @Test
    void supersededTokenKeepsWorkingFiveMinutesThenIsAnswered40001() {
        String old = t.token(APP_1);
        t.advance(60);
        String fresh = t.token(APP_1);

        assertThat(fresh).isNotEqualTo(old);
        t.advance(299);
        assertThat(use(old)).isEqualTo(ACCEPTED);
        t.advance(1);
        assertThat(use(old)).isEqualTo(40001);
        assertThat(use(fresh)).isEqualTo(ACCEPTED);
    }

    @Test
    void tokenPastItsLifeIsAnswered42001() {
        String token = t.token(APP_1);
        t.advance(7199);
        assertThat(use(token)).isEqualTo(ACCEPTED);

        t.advance(1);
        SimResponse r = t.get(
                "/wxa/checksession",
                "access_token",
                token,
                "openid",
                "x",
                "signature",
                "00",
                "sig_method",
                "hmac_sha256");

        assertThat(errcode(r)).isEqualTo(42001);
        assertThat(json(r).get("errmsg").asString()).startsWith("access_token expired, rid: ");
    }

    @Test
    void unknownTokenIsAnswered40001AndMissingOne41001() {
        SimResponse unknown = t.get(
                "/wxa/checksession",
                "access_token",
                "90_nope",
                "openid",
                "x",
                "signature",
                "00",
                "sig_method",
                "hmac_sha256");

        assertThat(errcode(unknown)).isEqualTo(40001);
        assertThat(json(unknown).get("errmsg").asString())
                .startsWith("invalid credential, access_token is invalid or not latest, rid: ");
        assertThat(errcode(t.get("/wxa/checksession", "openid", "x"))).isEqualTo(41001);
        assertThat(errcode(t.get("/wxa/resetusersessionkey", "openid", "x"))).isEqualTo(41001);
        assertThat(errcode(t.post("/wxa/business/getuserphonenumber", "{\"code\":\"c\"}")))
                .isEqualTo(41001);
    }

    @Test
    void tokenCallChecksCredentialsAndGrantType() {
        assertThat(errcode(t.get("/cgi-bin/token", "grant_type", "client_credential", "secret", "s")))
                .isEqualTo(41002);
        assertThat(errcode(t.get("/cgi-bin/token", "grant_type", "client_credential", "appid", APP_1)))
                .isEqualTo(41004);
        assertThat(errcode(
                        t.get("/cgi-bin/token", "grant_type", "client_credential", "appid", "wxnope", "secret", "s")))
                .isEqualTo(40013);
        assertThat(errcode(
                        t.get("/cgi-bin/token", "grant_type", "client_credential", "appid", APP_1, "secret", "wrong")))
                .isEqualTo(40125);
        assertThat(errcode(t.get("/cgi-bin/token", "appid", APP_1, "secret", secret(APP_1))))
                .isEqualTo(40002);
        assertThat(errcode(t.get(
                        "/cgi-bin/token", "grant_type", "authorization_code", "appid", APP_1, "secret", secret(APP_1))))
                .isEqualTo(40002);
    }

    @Test
    void stableTokenIsTheSameTokenWithItsRemainingLife() {
        JsonNode first = success(t.stableToken(APP_1, false));
        t.advance(1000);

        JsonNode second = success(t.stableToken(APP_1, false));

        assertThat(first.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(second.get("access_token").asString())
                .isEqualTo(first.get("access_token").asString());
        assertThat(second.get("expires_in").asInt()).isEqualTo(6200);
    }

    @Test
    void stableTokenIsRenewedInItsLastFiveMinutesWithoutCuttingTheOldOneShort() {
        String first = success(t.stableToken(APP_1, false)).get("access_token").asString();
        t.advance(7200 - 301);
        assertThat(success(t.stableToken(APP_1, false)).get("access_token").asString())
                .isEqualTo(first);

        t.advance(2);
        JsonNode renewed = success(t.stableToken(APP_1, false));

        assertThat(renewed.get("access_token").asString()).isNotEqualTo(first);
        assertThat(renewed.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(use(first)).isEqualTo(ACCEPTED);
        t.advance(299);
        assertThat(use(first)).isEqualTo(42001);
    }

    @Test
    void forcedStableTokenIsNewAndTheOldOneWorksFiveMoreMinutes() {
        String old = success(t.stableToken(APP_1, false)).get("access_token").asString();

        JsonNode forced = success(t.stableToken(APP_1, true));

        String fresh = forced.get("access_token").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(forced.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(success(t.stableToken(APP_1, false)).get("access_token").asString())
                .isEqualTo(fresh);
        t.advance(299);
        assertThat(use(old)).isEqualTo(ACCEPTED);
        t.advance(1);
        assertThat(use(old)).isEqualTo(40001);
        assertThat(use(fresh)).isEqualTo(ACCEPTED);
    }

    @Test
    void forcedRefreshesCloserThanThirtySecondsDoNotRefresh() {
        String first = success(t.stableToken(APP_1, true)).get("access_token").asString();
        t.advance(29);
        assertThat(success(t.stableToken(APP_1, true)).get("access_token").asString())
                .isEqualTo(first);

        t.advance(1);

        assertThat(success(t.stableToken(APP_1, true)).get("access_token").asString())
                .isNotEqualTo(first);
    }

    @Test
    void stableAndPlainTokensAreSeparatePoolsBothAccepted() {
        String stable = success(t.stableToken(APP_1, false)).get("access_token").asString();
        String plain = t.token(APP_1);

        t.token(APP_1);
        t.token(APP_1);
        t.advance(600);

        assertThat(plain).isNotEqualTo(stable);
        assertThat(use(plain)).isEqualTo(40001);
        assertThat(use(stable)).isEqualTo(ACCEPTED);
        assertThat(success(t.stableToken(APP_1, false)).get("access_token").asString())
                .isEqualTo(stable);

        String latestPlain = t.token(APP_1);
        success(t.stableToken(APP_1, true));
        t.advance(600);
        assertThat(use(latestPlain)).isEqualTo(ACCEPTED);
    }

    @Test
    void tokensOfOneAppDoNotSupersedeAnotherApps() {
        String one = t.token(APP_1);
        t.token(APP_2);
        t.advance(600);

        assertThat(use(one)).isEqualTo(ACCEPTED);
    }

    @Test
    void stableTokenRefusesMalformedBodies() {
        assertThat(errcode(t.post("/cgi-bin/stable_token", "not json"))).isEqualTo(47001);
        assertThat(errcode(t.post("/cgi-bin/stable_token", "[1,2]"))).isEqualTo(47001);
        assertThat(errcode(t.post(
                        "/cgi-bin/stable_token",
                        "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_1 + "\",\"secret\":\""
                                + secret(APP_1) + "\",\"force_refresh\":\"yes\"}")))
                .isEqualTo(47001);
        assertThat(errcode(t.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"secret\":\"s\"}")))
                .isEqualTo(41002);
        assertThat(errcode(t.post(
                        "/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_1 + "\"}")))
                .isEqualTo(41004);
        assertThat(errcode(t.post(
                        "/cgi-bin/stable_token",
                        "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_1 + "\",\"secret\":\"wrong\"}")))
                .isEqualTo(40125);
        assertThat(errcode(t.post(
                        "/cgi-bin/stable_token", "{\"appid\":\"" + APP_1 + "\",\"secret\":\"" + secret(APP_1) + "\"}")))
                .isEqualTo(40002);
    }

    @Test
    void stableTokenWithoutForceRefreshFieldIsNormalMode() {
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_1 + "\",\"secret\":\"" + secret(APP_1)
                + "\"}";
        String first = success(t.post("/cgi-bin/stable_token", body))
                .get("access_token")
                .asString();

        assertThat(success(t.post("/cgi-bin/stable_token", body))
                        .get("access_token")
                        .asString())
                .isEqualTo(first);
    }
}
