package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The risk control of first logins ({@code getuserriskrank}, scene 0) in dev mode, over real HTTP to the
 * simulator: {@link #APP_1} refuses ranks of 3 and above, {@link #APP_2} records, {@link #APP_3} has no
 * policy. The service runs behind a trusted proxy (127.0.0.1), so the client's address WeChat is sent is
 * the one {@code X-Forwarded-For} names.
 */
class WeChatRiskControlTest {

    static final String RISK_RANK = "/wxa/getuserriskrank";
    static final String CLIENT = "198.51.100.23";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
            "--wxlogin.trusted-proxies=127.0.0.1, ::1",
            "--wxlogin.wechat.risk.apps." + APP_1 + ".policy=refuse",
            "--wxlogin.wechat.risk.apps." + APP_1 + ".refuse-at=3",
            "--wxlogin.wechat.risk.apps." + APP_2 + ".policy=record");

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    private static void rank(String appId, String user, Map<String, ?> settings) {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("appId", appId);
        body.put("user", user);
        Http.Reply r = dev.sim().http().postJson("/sim/risk-rank", body);
        assertThat(r.status()).as("/sim/risk-rank %s", r).isEqualTo(204);
    }

    private static JsonNode asked(String appId, String user) {
        Http.Reply r = dev.sim().http().get("/sim/risk-rank?appId=" + appId + "&user=" + user);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("asked");
    }

    private static Http.Reply login(String appId, String code) {
        return dev.http().login(appId, code, "X-Forwarded-For", CLIENT);
    }

    private static List<Map<String, Object>> audit(String type, String appId) {
        return dev.service()
                .jdbc()
                .sql("SELECT user_id, client_ip, detail FROM wx_audit WHERE event_type = ? AND app_id = ?"
                        + " ORDER BY occurred_at, id")
                .param(type)
                .param(appId)
                .query()
                .listOfRows();
    }

    private static String lastLoginDetail(String userId) {
        return dev.service()
                .jdbc()
                .sql("SELECT detail FROM wx_audit WHERE event_type = 'login' AND user_id = ? ORDER BY occurred_at DESC,"
                        + " id DESC")
                .param(userId)
                .query(String.class)
                .list()
                .get(0);
    }

    private static String userId(JsonNode session) {
        return session.get("user").get("id").asString();
    }

    @Test
    void aRankAtTheThresholdIsRefusedAndNothingIsCreated() {
        rank(APP_1, "risk-mallory", Map.of("rank", 3));
        Map<String, Long> before = dev.service().rowCounts();
        int refusedBefore = audit("login_refused", APP_1).size();
        String code = dev.sim().code(APP_1, "risk-mallory");

        JsonNode problem = assertProblem(login(APP_1, code), 403, "user_blocked");

        assertThat(problem.toString()).doesNotContain("rank 3");
        assertThat(dev.service().rowCounts()).isEqualTo(before);
        String openid = dev.sim().session(APP_1, "risk-mallory").get("openid").asString();
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_identities WHERE openid = ?")
                        .param(openid)
                        .query(Long.class)
                        .single())
                .isZero();
        // The code stays spent, as WeChat spent it: the same code again is not traded twice.
        assertProblem(login(APP_1, code), 401, "code_used");
        List<Map<String, Object>> refused = audit("login_refused", APP_1);
        assertThat(refused).hasSize(refusedBefore + 1);
        Map<String, Object> row = refused.get(refused.size() - 1);
        assertThat(row.get("user_id")).isNull();
        assertThat(row.get("client_ip")).isEqualTo(CLIENT);
        assertThat((String) row.get("detail")).startsWith("risk rank 3, refused at 3 or above");
    }

    @Test
    void aRankBelowTheThresholdGoesThroughWithItsRankInTheAuditRowAndTheRealClientsAddressWasSent() {
        rank(APP_1, "risk-bob", Map.of("rank", 2));

        JsonNode session = assertSession(login(APP_1, dev.sim().code(APP_1, "risk-bob")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        assertThat(lastLoginDetail(userId(session))).isEqualTo("new user, risk rank 2");
        JsonNode asked = asked(APP_1, "risk-bob");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).get("client_ip").asString()).isEqualTo(CLIENT);
        assertThat(asked.get(0).get("scene").asInt()).isZero();
    }

    @Test
    void recordKeepsTheRankAndALaterLoginIsNotRankedAgain() {
        rank(APP_2, "risk-rita", Map.of("rank", 4));

        JsonNode first = assertSession(login(APP_2, dev.sim().code(APP_2, "risk-rita")));
        assertThat(lastLoginDetail(userId(first))).isEqualTo("new user, risk rank 4");
        long calls = dev.sim().calls(RISK_RANK);

        JsonNode second = assertSession(login(APP_2, dev.sim().code(APP_2, "risk-rita")));

        assertThat(userId(second)).isEqualTo(userId(first));
        assertThat(dev.sim().calls(RISK_RANK)).isEqualTo(calls);
        assertThat(lastLoginDetail(userId(second))).isNull();
    }

    @Test
    void anAppWithoutAPolicyAsksWeChatNothing() {
        long calls = dev.sim().calls(RISK_RANK);

        assertSession(login(APP_3, dev.sim().code(APP_3, "risk-free")));

        assertThat(dev.sim().calls(RISK_RANK)).isEqualTo(calls);
    }

    @Test
    void aUserWeChatCannotRank61010IsLetThroughAndTheAuditRowSaysWhy() {
        rank(APP_1, "risk-quiet", Map.of("rank", 4, "inactive", true));

        JsonNode session = assertSession(login(APP_1, dev.sim().code(APP_1, "risk-quiet")));

        assertThat(lastLoginDetail(userId(session)))
                .isEqualTo("new user, risk rank unknown: WeChat errcode 61010: the user has not visited the mini"
                        + " program lately");
    }

    @Test
    void weChatFailingLetsTheLoginThroughAndTheAuditRowSaysWhy() {
        rank(APP_1, "risk-outage", Map.of("rank", 4));
        // An HTTP error is not retried (only WeChat's "busy" is): one failed call, not enough to open the circuit.
        dev.sim().fault(Map.of("path", RISK_RANK, "httpStatus", 502, "count", 1));

        JsonNode session = assertSession(login(APP_1, dev.sim().code(APP_1, "risk-outage")));

        assertThat(lastLoginDetail(userId(session))).startsWith("new user, risk rank unknown: ");
        assertThat(lastLoginDetail(userId(session))).contains("HTTP 502");
        assertThat(dev.sim().calls(RISK_RANK)).isEqualTo(1);
    }

    @Test
    void aRefusedAccessTokenIsRenewedOnceAndTheRankStillCounts() {
        rank(APP_1, "risk-token", Map.of("rank", 4));
        dev.sim().fault(Map.of("path", RISK_RANK, "errcode", 40001, "count", 1));

        assertProblem(login(APP_1, dev.sim().code(APP_1, "risk-token")), 403, "user_blocked");

        assertThat(asked(APP_1, "risk-token")).hasSize(1);
    }
}
