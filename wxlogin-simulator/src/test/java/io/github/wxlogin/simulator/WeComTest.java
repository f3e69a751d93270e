package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WeCom in the simulator: the corp app's {@code /wecom/cgi-bin/gettoken} and
 * {@code /wecom/cgi-bin/miniprogram/jscode2session} with WeCom's fields and errcodes, and the
 * {@code /sim/} controls for a WeCom app.
 */
class WeComTest {

    private final TestSim t = new TestSim();

    private SimResponse gettoken(String corpId, String secret) {
        return t.get("/wecom/cgi-bin/gettoken", "corpid", corpId, "corpsecret", secret);
    }

    private String token() {
        JsonNode body = ok(gettoken(WECOM_APP, secret(WECOM_APP)));
        return body.get("access_token").asString();
    }

    private SimResponse code2Session(String token, String code) {
        return t.get(
                "/wecom/cgi-bin/miniprogram/jscode2session",
                "access_token",
                token,
                "js_code",
                code,
                "grant_type",
                "authorization_code");
    }

    /** WeCom's errcode, its errmsg in WeCom's form (no WeChat rid). */
    private static int errcode(SimResponse response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("errmsg").asString())
                .matches(".+, hint: \\[[0-9]{25}\\], from ip: 127\\.0\\.0\\.1, more info at"
                        + " https://open.work.weixin.qq.com/devtool/query\\?e=-?[0-9]+");
        return body.get("errcode").asInt();
    }

    private static JsonNode ok(SimResponse response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("errcode").asInt()).as(response.bodyText()).isZero();
        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
        return body;
    }

    @Test
    void aCorpAppTokenLastsTwoHoursAndIsTheSameWhileItLives() {
        JsonNode first = ok(gettoken(WECOM_APP, secret(WECOM_APP)));
        assertThat(first.get("expires_in").asLong()).isEqualTo(7200);
        t.advance(3600);
        JsonNode again = ok(gettoken(WECOM_APP, secret(WECOM_APP)));

        assertThat(again.get("access_token")).isEqualTo(first.get("access_token"));
        assertThat(again.get("expires_in").asLong()).isEqualTo(3600);
        t.advance(3600);
        assertThat(errcode(code2Session(first.get("access_token").asString(), t.login(WECOM_APP, "alice"))))
                .isEqualTo(42001);
        assertThat(ok(gettoken(WECOM_APP, secret(WECOM_APP))).get("access_token"))
                .isNotEqualTo(first.get("access_token"));
    }

    @Test
    void gettokenRefusesAsWeComDoes() {
        assertThat(errcode(t.get("/wecom/cgi-bin/gettoken", "corpsecret", "x"))).isEqualTo(41002);
        assertThat(errcode(t.get("/wecom/cgi-bin/gettoken", "corpid", WECOM_APP)))
                .isEqualTo(41004);
        assertThat(errcode(gettoken("ww9999999999999999", "x"))).isEqualTo(40013);
        assertThat(errcode(gettoken(APP_1, secret(APP_1)))).isEqualTo(40013);
        SimResponse wrong = gettoken(WECOM_APP, "wrong-secret");
        assertThat(errcode(wrong)).isEqualTo(40001);
        assertThat(json(wrong).get("errmsg").asString())
                .startsWith("invalid secret, hint: [")
                .endsWith("more info at https://open.work.weixin.qq.com/devtool/query?e=40001")
                .doesNotContain("wrong-secret");
    }

    @Test
    void aCodeGivesTheMembersCorpidUseridAndSessionKeyOnce() {
        String code = t.login(WECOM_APP, "zhangsan");
        String token = token();
        JsonNode body = ok(code2Session(token, code));

        assertThat(body.get("corpid").asString()).isEqualTo(WECOM_APP);
        assertThat(body.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(body.get("session_key").asString())
                .isEqualTo(t.session(WECOM_APP, "zhangsan").get("sessionKey").asString());
        assertThat(body.has("openid")).isFalse();
        assertThat(errcode(code2Session(token, code))).isEqualTo(40029);
    }

    @Test
    void codesAndTokensAreRefusedAsWeComDoes() {
        String token = token();
        assertThat(errcode(code2Session(token, "unknown-code"))).isEqualTo(40029);
        assertThat(errcode(code2Session(token, t.login(APP_1, "alice")))).isEqualTo(40029);
        assertThat(errcode(code2Session("not-a-token", t.login(WECOM_APP, "alice"))))
                .isEqualTo(40014);
        assertThat(errcode(t.get("/wecom/cgi-bin/miniprogram/jscode2session", "js_code", "x")))
                .isEqualTo(41001);
        assertThat(errcode(t.get("/wecom/cgi-bin/miniprogram/jscode2session", "access_token", token)))
                .isEqualTo(41008);
        String early = t.login(WECOM_APP, "alice");
        t.advance(300);
        assertThat(errcode(code2Session(token, early))).isEqualTo(40029);
    }

    @Test
    void tokensEndedEarlyAnswer40014AndGettokenMintsANewOne() {
        String token = token();
        assertThat(t.post("/sim/wecom/expire-tokens", "{}").status()).isEqualTo(204);

        assertThat(errcode(code2Session(token, t.login(WECOM_APP, "alice")))).isEqualTo(40014);
        assertThat(token()).isNotEqualTo(token);
    }

    @Test
    void anInjectedFaultAnswersInWeComsForm() {
        assertThat(t.post(
                                "/sim/faults",
                                "{\"path\":\"/wecom/cgi-bin/miniprogram/jscode2session\",\"errcode\":48002,\"count\":1}")
                        .status())
                .isEqualTo(204);

        SimResponse r = code2Session(token(), t.login(WECOM_APP, "alice"));
        assertThat(errcode(r)).isEqualTo(48002);
        assertThat(json(r).get("errmsg").asString()).startsWith("api forbidden, hint: [");
        JsonNode stats = json(t.get("/sim/stats"));
        assertThat(stats.toString()).contains("/wecom/cgi-bin/miniprogram/jscode2session");
    }

    @Test
    void openDataIsGetEnterpriseUserInfosWithTheMiniProgramsWatermark() {
        t.login(WECOM_APP, "zhangsan");
        SimResponse r = t.post(
                "/sim/open-data", "{\"appId\":\"" + WECOM_APP + "\",\"user\":\"zhangsan\",\"data\":{\"name\":\"Z\"}}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode out = json(r);
        String key = t.session(WECOM_APP, "zhangsan").get("sessionKey").asString();
        JsonNode plain = json(new SimResponse(
                200,
                Answers.JSON,
                SimCrypto.decryptOpenData(
                                key,
                                Base64.getDecoder().decode(out.get("iv").asString()),
                                Base64.getDecoder()
                                        .decode(out.get("encryptedData").asString()))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(plain.get("corpid").asString()).isEqualTo(WECOM_APP);
        assertThat(plain.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(plain.get("name").asString()).isEqualTo("Z");
        assertThat(plain.get("watermark").get("appid").asString())
                .startsWith("wx")
                .isNotEqualTo(WECOM_APP);
        assertThat(out.get("signature").asString())
                .isEqualTo(SimCrypto.rawDataSignature(out.get("rawData").asString(), key));
    }

    @Test
    void thereIsNoPhoneCodeAndTheSessionShowsTheMember() {
        SimResponse phone = t.post("/sim/phone-code", "{\"appId\":\"" + WECOM_APP + "\",\"user\":\"alice\"}");
        assertThat(phone.status()).isEqualTo(400);

        JsonNode session = t.session(WECOM_APP, "li si");
        assertThat(session.get("corpid").asString()).isEqualTo(WECOM_APP);
        assertThat(session.get("userid").asString()).startsWith("u").doesNotContain(" ");
        assertThat(session.get("openid")).isEqualTo(session.get("userid"));
    }
}
