package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.ALIPAY_APP;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Logins of Alipay's demo app in dev mode over real HTTP, the simulator inside standing in for Alipay's
 * gateway with the keys it shares with the service: the user's id is Alipay's user_id, there is no
 * session key and no unionid (Alipay has none), an auth code is exchanged once, one new user is made
 * however many of its logins race, and each of the gateway's errors is the contract's code.
 */
class AlipayLoginTest {

    @RegisterExtension
    static final ServiceExtension dev =
            ServiceExtension.dev("--wxlogin.wechat.circuit-failures=100", "--wxlogin.rate-limit.per-ip=0");

    static AlipaySim alipay;

    @BeforeAll
    static void simulator() {
        alipay = new AlipaySim(dev.sim());
    }

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void anAuthCodeLogsInWithTheUserIdAndNoUnionidOrSessionKey() {
        Tokens first = Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-alice")));
        Tokens again = Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-alice")));

        JsonNode held = alipay.session(ALIPAY_APP, "ali-alice");
        assertThat(first.newUser()).isTrue();
        assertThat(again.newUser()).isFalse();
        assertThat(again.userId()).isEqualTo(first.userId());
        assertThat(first.user().get("platform").asString()).isEqualTo("alipay");
        assertThat(first.user().get("openid").asString())
                .isEqualTo(held.get("userId").asString())
                .startsWith("2088");
        assertThat(first.user().get("unionid").isNull()).isTrue();
        // Nothing of a session key is stored: Alipay has none.
        Map<String, Object> row = dev.service()
                .jdbc()
                .sql("SELECT session_key, session_key_fp, previous_session_key FROM wx_identities WHERE app_id = ?"
                        + " AND openid = ?")
                .params(ALIPAY_APP, held.get("userId").asString())
                .query()
                .singleRow();
        assertThat(row.values())
                .allSatisfy(v -> assertThat(v == null || v.toString().isEmpty()).isTrue());
    }

    @Test
    void aReplayedAuthCodeIsCodeUsedAndAlipayIsAskedOnce() {
        String code = alipay.authCode(ALIPAY_APP, "ali-replay");
        assertSession(dev.http().login(ALIPAY_APP, code));
        long calls = alipay.gatewayCalls();

        assertProblem(dev.http().login(ALIPAY_APP, code), 401, "code_used");

        assertThat(alipay.gatewayCalls()).isEqualTo(calls);
    }

    @Test
    void aBurstOfOneAuthCodeIsOneLoginAndOneGatewayCall() throws Exception {
        String code = alipay.authCode(ALIPAY_APP, "ali-burst");
        long calls = alipay.gatewayCalls();

        List<Http.Reply> replies = Concurrently.run(10, i -> dev.http().login(ALIPAY_APP, code));

        assertThat(replies.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() != 200))
                .hasSize(9)
                .allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(alipay.gatewayCalls()).isEqualTo(calls + 1);
    }

    @Test
    void twentyFirstLoginsOfOneAlipayUserAtOnceMakeOneUser() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(alipay.authCode(ALIPAY_APP, "ali-race"));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(ALIPAY_APP, codes.get(i)));

        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 1);
        assertThat(after.get("wx_unions")).as("no unionid, no union").isEqualTo(before.get("wx_unions"));
    }

    @Test
    void alipayHasNoUnionidSoTheSamePersonOnWeChatIsAnotherUser() {
        Tokens onAlipay = Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-both")));
        Tokens onWeChat = dev.service().login(APP_1, "ali-both");

        assertThat(onAlipay.user().get("unionid").isNull()).isTrue();
        assertThat(onWeChat.user().get("unionid").isNull()).isFalse();
        assertThat(onAlipay.userId()).isNotEqualTo(onWeChat.userId());
    }

    @Test
    void anAuthCodeAlipayNeverIssuedIsInvalidCodeAndWritesNothing() {
        Map<String, Long> rows = dev.service().rowCounts();

        assertProblem(dev.http().login(ALIPAY_APP, "0123456789abcdef0123456789abcdef"), 401, "invalid_code");

        assertThat(alipay.gatewayCalls()).isEqualTo(1);
        assertThat(dev.service().rowCounts()).isEqualTo(rows);
    }

    @ParameterizedTest(name = "gateway code {0} is {1} {2}")
    @CsvSource({
        "40002, 401, invalid_code",
        "20001, 503, upstream_unavailable",
        "40001, 503, upstream_unavailable",
        "40004, 503, upstream_unavailable",
        "40006, 503, upstream_unavailable",
    })
    void eachGatewayErrorIsTheContractsCode(int code, int status, String expected) {
        alipay.fail(code, 1);

        Http.Reply r = dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-error-" + code));

        assertProblem(r, status, expected);
        if (status == 503) {
            assertRetryAfter(r);
        }
        assertThat(alipay.gatewayCalls()).as("no retry of a refusal").isEqualTo(1);
    }

    @Test
    void busyIsTriedAgainAndThenUpstreamUnavailableWithTheCodeGivenBack() {
        String code = alipay.authCode(ALIPAY_APP, "ali-busy");
        alipay.fail(20000, 3);

        Http.Reply busy = dev.http().login(ALIPAY_APP, code);

        assertProblem(busy, 503, "upstream_unavailable");
        assertRetryAfter(busy);
        assertThat(alipay.gatewayCalls()).isEqualTo(3);
        // Alipay never took the code in: the client's retry with it works.
        assertSession(dev.http().login(ALIPAY_APP, code));
    }

    @Test
    void aGatewayThatAnswersAnHtmlErrorPageIsUpstreamUnavailable() {
        alipay.failWithHttp(502, 1);

        assertProblem(
                dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-502")), 503, "upstream_unavailable");
    }

    @Test
    void aWeChatUserLinksTheirAlipayIdentityAndThenLogsInThroughAlipayAsThemselves() {
        Tokens onWeChat = dev.service().login(APP_1, "ali-link");

        JsonNode linked = new Identities(dev.service()).linked(onWeChat, ALIPAY_APP, "ali-link");

        JsonNode identity = linked.get("identity");
        assertThat(identity.get("platform").asString()).isEqualTo("alipay");
        assertThat(identity.get("openid").asString())
                .isEqualTo(alipay.session(ALIPAY_APP, "ali-link").get("openid").asString());
        assertThat(identity.get("unionid").isNull()).isTrue();
        Tokens onAlipay = Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-link")));
        assertThat(onAlipay.userId()).isEqualTo(onWeChat.userId());
        assertThat(onAlipay.user().get("platform").asString()).isEqualTo("alipay");
    }

    @Test
    void openDataIsUnsupportedForAlipayUsers() {
        Tokens user = Tokens.of(dev.http().login(ALIPAY_APP, alipay.authCode(ALIPAY_APP, "ali-decrypt")));

        Http.Reply r = dev.http()
                .withBearer(
                        "POST",
                        "/v1/me/decrypt",
                        user.access(),
                        "{\"encryptedData\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"iv\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");

        assertProblem(r, 400, "unsupported");
    }
}
