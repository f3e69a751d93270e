package io.github.wxlogin.simulator;

import static io.github.wxlogin.simulator.TestSim.APP_1;
import static io.github.wxlogin.simulator.TestSim.APP_2;
import static io.github.wxlogin.simulator.TestSim.APP_3;
import static io.github.wxlogin.simulator.TestSim.errcode;
import static io.github.wxlogin.simulator.TestSim.json;
import static io.github.wxlogin.simulator.TestSim.secret;
import static io.github.wxlogin.simulator.TestSim.success;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsCode2SessionTest {

    private final TestSim t = new TestSim();

    @Test
    void codeExchangesForOpenidAndSessionKeyWithoutErrcode() {
        JsonNode body = success(t.code2Session(APP_1, t.login(APP_1, "alice")));

        assertThat(body.get("openid").asString()).isEqualTo(Identities.openid(APP_1, "alice"));
        assertThat(body.get("session_key").asString()).hasSize(24).matches("[A-Za-z0-9+/]{22}==");
        assertThat(body.has("unionid")).isTrue();
        assertThat(body.has("errmsg")).isFalse();
    }

    @Test
    void spentCodeIsAnswered40163() {
        String code = t.login(APP_1, "alice");
        success(t.code2Session(APP_1, code));

        SimResponse again = t.code2Session(APP_1, code);

        assertThat(errcode(again)).isEqualTo(40163);
        assertThat(json(again).get("errmsg").asString()).startsWith("code been used, rid: ");
    }

    @Test
    void codeLivesFiveMinutes() {
        String early = t.login(APP_1, "alice");
        String late = t.login(APP_1, "alice");
        t.advance(299);
        success(t.code2Session(APP_1, early));

        t.advance(1);

        assertThat(errcode(t.code2Session(APP_1, late))).isEqualTo(40029);
    }

    @Test
    void unknownCodeIsAnswered40029WithWeChatsMessage() {
        SimResponse r = t.code2Session(APP_1, "0716AVll20uHk94SLDml27etM946AVlq");

        assertThat(errcode(r)).isEqualTo(40029);
        assertThat(json(r).get("errmsg").asString()).startsWith("invalid code, rid: ");
    }

    @Test
    void codeOfAnotherAppIsAnswered40029AndStaysGoodForItsOwnApp() {
        String code = t.login(APP_1, "alice");

        assertThat(errcode(t.code2Session(APP_2, code))).isEqualTo(40029);
        success(t.code2Session(APP_1, code));
    }

    @Test
    void missingParametersAreAnsweredInWeChatsOrder() {
        String code = t.login(APP_1, "alice");
        String s = secret(APP_1);

        assertThat(errcode(t.get("/sns/jscode2session", "secret", s, "js_code", code)))
                .isEqualTo(41002);
        assertThat(errcode(t.get("/sns/jscode2session", "appid", APP_1, "js_code", code)))
                .isEqualTo(41004);
        assertThat(errcode(t.get("/sns/jscode2session", "appid", APP_1, "secret", s)))
                .isEqualTo(41008);
        assertThat(errcode(t.get("/sns/jscode2session", "appid", APP_1, "secret", s, "js_code", "")))
                .isEqualTo(41008);
    }

    @Test
    void unknownAppidIsAnswered40013() {
        SimResponse r = t.get("/sns/jscode2session", "appid", "wx9999999999999999", "secret", "x", "js_code", "c");

        assertThat(errcode(r)).isEqualTo(40013);
        assertThat(json(r).get("errmsg").asString()).startsWith("invalid appid, rid: ");
    }

    @Test
    void wrongSecretIsAnswered40125BeforeTheCodeIsLookedAt() {
        String code = t.login(APP_1, "alice");

        SimResponse r = t.get("/sns/jscode2session", "appid", APP_1, "secret", secret(APP_2), "js_code", code);

        assertThat(errcode(r)).isEqualTo(40125);
        assertThat(json(r).get("errmsg").asString()).startsWith("invalid appsecret, rid: ");
        success(t.code2Session(APP_1, code));
    }

    @Test
    void grantTypeOtherThanAuthorizationCodeIsAnswered40002AndAbsentOneIsAccepted() {
        String code = t.login(APP_1, "alice");

        assertThat(errcode(t.get(
                        "/sns/jscode2session",
                        "appid",
                        APP_1,
                        "secret",
                        secret(APP_1),
                        "js_code",
                        code,
                        "grant_type",
                        "client_credential")))
                .isEqualTo(40002);
        success(t.get("/sns/jscode2session", "appid", APP_1, "secret", secret(APP_1), "js_code", code));
    }

    @Test
    void sessionKeyStaysTheSameAcrossLoginsByDefault() {
        String first = t.signIn(APP_1, "alice").get("session_key").asString();
        String second = t.signIn(APP_1, "alice").get("session_key").asString();

        assertThat(second).isEqualTo(first);
        assertThat(t.session(APP_1, "alice").get("sessionKey").asString()).isEqualTo(first);
    }

    @Test
    void sessionKeyRotatesAtEachLoginWhenConfigured() {
        TestSim rotating = new TestSim(TestSim.settings().withRotateSessionKeyOnLogin(true));

        String first = rotating.signIn(APP_1, "alice").get("session_key").asString();
        String second = rotating.signIn(APP_1, "alice").get("session_key").asString();

        assertThat(second).isNotEqualTo(first);
        assertThat(rotating.session(APP_1, "alice").get("sessionKey").asString())
                .isEqualTo(second);
    }

    @Test
    void sessionKeyRotationCanBeSwitchedOnWhileRunning() {
        String first = t.signIn(APP_1, "alice").get("session_key").asString();
        t.settings("{\"rotateSessionKey\":true}");

        assertThat(t.signIn(APP_1, "alice").get("session_key").asString()).isNotEqualTo(first);
    }

    @Test
    void sessionKeysDifferBetweenUsersAndApps() {
        String alice1 = t.signIn(APP_1, "alice").get("session_key").asString();
        String alice2 = t.signIn(APP_2, "alice").get("session_key").asString();
        String bob1 = t.signIn(APP_1, "bob").get("session_key").asString();

        assertThat(List.of(alice1, alice2, bob1)).doesNotHaveDuplicates();
    }

    @Test
    void unionidIsSharedWithinAGroupAndAbsentOutsideOne() {
        JsonNode in1 = t.signIn(APP_1, "alice");
        JsonNode in2 = t.signIn(APP_2, "alice");
        JsonNode in3 = t.signIn(APP_3, "alice");

        assertThat(in1.get("unionid").asString())
                .isEqualTo(in2.get("unionid").asString())
                .startsWith("o")
                .hasSize(28);
        assertThat(in3.has("unionid")).isFalse();
        assertThat(t.signIn(APP_1, "bob").get("unionid").asString())
                .isNotEqualTo(in1.get("unionid").asString());
    }

    @Test
    void openidDiffersPerAppAndIsStableAcrossSimulators() {
        String o1 = t.signIn(APP_1, "alice").get("openid").asString();
        String o2 = t.signIn(APP_2, "alice").get("openid").asString();
        String o3 = t.signIn(APP_3, "alice").get("openid").asString();
        String again = new TestSim().signIn(APP_1, "alice").get("openid").asString();

        assertThat(List.of(o1, o2, o3))
                .doesNotHaveDuplicates()
                .allSatisfy(o -> assertThat(o).matches("o[A-Za-z0-9_-]{27}"));
        assertThat(again).isEqualTo(o1);
    }

    @Test
    void riskyUserIsAnswered40226AndKeepsTheCode() {
        String code = t.login(APP_1, "mallory");
        assertThat(t.post("/sim/risk", "{\"appId\":\"" + APP_1 + "\",\"user\":\"mallory\",\"risky\":true}")
                        .status())
                .isEqualTo(204);

        SimResponse refused = t.code2Session(APP_1, code);

        assertThat(errcode(refused)).isEqualTo(40226);
        assertThat(json(refused).get("errmsg").asString()).startsWith("high risk user, rid: ");
        t.signIn(APP_2, "mallory"); // flagged in one app only
        t.post("/sim/risk", "{\"appId\":\"" + APP_1 + "\",\"user\":\"mallory\",\"risky\":false}");
        success(t.code2Session(APP_1, code));
    }

    @Test
    void userFlaggedWithoutAppIsRiskyInEveryApp() {
        t.post("/sim/risk", "{\"user\":\"mallory\",\"risky\":true}");

        assertThat(errcode(t.code2Session(APP_1, t.login(APP_1, "mallory")))).isEqualTo(40226);
        assertThat(errcode(t.code2Session(APP_3, t.login(APP_3, "mallory")))).isEqualTo(40226);
        t.signIn(APP_1, "alice");

        t.post("/sim/risk", "{\"user\":\"mallory\",\"risky\":false}");
        t.signIn(APP_1, "mallory");
    }

    @Test
    void userOverTheMinuteLimitIsAnswered45011UntilTheNextMinute() {
        t.settings("{\"minuteLimit\":3}");
        for (int i = 0; i < 3; i++) {
            t.signIn(APP_1, "busy");
        }
        String fourth = t.login(APP_1, "busy");

        SimResponse refused = t.code2Session(APP_1, fourth);

        assertThat(errcode(refused)).isEqualTo(45011);
        assertThat(json(refused).get("errmsg").asString())
                .startsWith("api minute-quota reach limit mustslower retry next minute, rid: ");
        t.signIn(APP_1, "calm");
        t.signIn(APP_2, "busy");
        t.advance(60);
        success(t.code2Session(APP_1, fourth));
    }

    @Test
    void minuteLimitOfZeroMeansNoLimit() {
        TestSim unlimited = new TestSim(TestSim.settings().withPerUserMinuteLimit(0));
        for (int i = 0; i < 150; i++) {
            unlimited.signIn(APP_1, "busy");
        }
    }

    @Test
    void defaultMinuteLimitIsOneHundred() {
        for (int i = 0; i < 100; i++) {
            t.signIn(APP_1, "busy");
        }
        assertThat(errcode(t.code2Session(APP_1, t.login(APP_1, "busy")))).isEqualTo(45011);
    }

    @Test
    void simultaneousExchangesOfOneCodeSucceedExactlyOnce() throws Exception {
        String code = t.login(APP_1, "alice");
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<SimResponse>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return t.code2Session(APP_1, code);
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<SimResponse> f : answers) {
                JsonNode body = json(f.get());
                if (body.has("errcode")) {
                    assertThat(body.get("errcode").asInt()).isEqualTo(40163);
                } else {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
