package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RiskRankTest {

    private final TestSim t = new TestSim();

    private SimResponse ask(String appId, String token, String openid, String extra) {
        return t.post(
                "/wxa/getuserriskrank",
                "access_token=" + token,
                "{\"appid\":\"" + appId + "\",\"openid\":\"" + openid + "\",\"scene\":0,\"client_ip\":\"203.0.113.7\""
                        + extra + "}");
    }

    private String openid(String appId, String user) {
        return t.signIn(appId, user).get("openid").asString();
    }

    @Test
    void aUserWhoLoggedInIsRankedZeroUntilTheControlSetsARank() {
        String openid = openid(APP_1, "alice");

        JsonNode first = success(ask(APP_1, t.token(APP_1), openid, ""));
        assertThat(first.get("risk_rank").asInt()).isZero();
        assertThat(first.get("unoin_id").isNumber()).isTrue();

        assertThat(t.post("/sim/risk-rank", "{\"appId\":\"" + APP_1 + "\",\"user\":\"alice\",\"rank\":3}")
                        .status())
                .isEqualTo(204);
        JsonNode second = success(ask(APP_1, t.token(APP_1), openid, ""));
        assertThat(second.get("risk_rank").asInt()).isEqualTo(3);
        assertThat(second.get("unoin_id").asLong())
                .isNotEqualTo(first.get("unoin_id").asLong());
    }

    @Test
    void theControlShowsWhatTheCallerSent() {
        String openid = openid(APP_1, "bob");
        ask(APP_1, t.token(APP_1), openid, ",\"mobile_no\":\"13800000000\"");

        JsonNode shown = json(t.get("/sim/risk-rank", "appId", APP_1, "user", "bob"));

        assertThat(shown.get("asked")).hasSize(1);
        JsonNode asked = shown.get("asked").get(0);
        assertThat(asked.get("client_ip").asString()).isEqualTo("203.0.113.7");
        assertThat(asked.get("scene").asInt()).isZero();
        assertThat(asked.get("mobile_no").asString()).isEqualTo("13800000000");
    }

    @Test
    void anInactiveOrUnknownUserIsAnswered61010UnlessTheCallIsATest() {
        String openid = openid(APP_1, "carol");
        t.post("/sim/risk-rank", "{\"appId\":\"" + APP_1 + "\",\"user\":\"carol\",\"inactive\":true}");

        SimResponse r = ask(APP_1, t.token(APP_1), openid, "");
        assertThat(errcode(r)).isEqualTo(61010);
        assertThat(json(r).get("errmsg").asString()).startsWith("code is expired, rid: ");
        assertThat(errcode(ask(APP_1, t.token(APP_1), "oNeverSeen0000000000000000000", "")))
                .isEqualTo(61010);
        assertThat(success(ask(APP_1, t.token(APP_1), openid, ",\"is_test\":true"))
                        .get("risk_rank")
                        .asInt())
                .isZero();
    }

    @Test
    void theAccessTokenIsChecked() {
        String openid = openid(APP_1, "dave");

        assertThat(errcode(ask(APP_1, "not-a-token", openid, ""))).isEqualTo(40001);
        assertThat(errcode(t.post("/wxa/getuserriskrank", "", "{}"))).isEqualTo(41001);
        // The body's appid must be the token's app.
        assertThat(errcode(ask(APP_2, t.token(APP_1), openid, ""))).isEqualTo(40013);
    }

    @Test
    void missingOrIllTypedFieldsAre47001() {
        String token = t.token(APP_1);
        String openid = openid(APP_1, "erin");

        assertThat(errcode(t.post(
                        "/wxa/getuserriskrank",
                        "access_token=" + token,
                        "{\"appid\":\"" + APP_1 + "\",\"openid\":\"" + openid + "\",\"scene\":0}")))
                .isEqualTo(47001);
        assertThat(errcode(t.post(
                        "/wxa/getuserriskrank",
                        "access_token=" + token,
                        "{\"appid\":\"" + APP_1 + "\",\"openid\":\"" + openid
                                + "\",\"scene\":\"0\",\"client_ip\":\"1.2.3.4\"}")))
                .isEqualTo(47001);
    }

    @Test
    void theControlRefusesARankOutOfRangeAndAnUnknownApp() {
        assertThat(t.post("/sim/risk-rank", "{\"appId\":\"" + APP_1 + "\",\"user\":\"a\",\"rank\":5}")
                        .status())
                .isEqualTo(400);
        assertThat(t.post("/sim/risk-rank", "{\"appId\":\"wx9999999999999999\",\"user\":\"a\",\"rank\":1}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anInjectedFaultAnswersItsErrcode() {
        String openid = openid(APP_1, "frank");
        t.post("/sim/faults", "{\"path\":\"/wxa/getuserriskrank\",\"errcode\":-1,\"count\":1}");

        assertThat(errcode(ask(APP_1, t.token(APP_1), openid, ""))).isEqualTo(-1);
        assertThat(success(ask(APP_1, t.token(APP_1), openid, "")).has("risk_rank"))
                .isTrue();
    }

    @Test
    void resetForgetsRanks() {
        String openid = openid(APP_1, "gina");
        t.post("/sim/risk-rank", "{\"appId\":\"" + APP_1 + "\",\"user\":\"gina\",\"rank\":4}");
        t.post("/sim/reset", "{}");

        assertThat(json(t.get("/sim/risk-rank", "appId", APP_1, "user", "gina"))
                        .get("rank")
                        .asInt())
                .isZero();
        assertThat(openid).isNotBlank();
    }
}
