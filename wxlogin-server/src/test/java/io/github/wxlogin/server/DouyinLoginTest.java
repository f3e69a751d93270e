package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_1;
import static io.github.wxlogin.simulator.DemoApps.DOUYIN_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/login} of a Douyin app in dev mode: {@code tt.login()}'s code (and its anonymous
 * code) exchanged with the simulator's code2Session v2 over real HTTP, once each, however often sent.
 */
class DouyinLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static DouyinSim douyin;

    @BeforeEach
    void resetSimulator() {
        douyin = DouyinSim.of(dev.service());
        dev.sim().reset();
    }

    @Test
    void aLoggedInUsersCodesMakeARealUserWithDouyinsOpenidAndUnionid() {
        JsonNode held = douyin.session(DOUYIN_1, "dy-first");

        JsonNode session = assertSession(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-first")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("platform").asString()).isEqualTo("douyin");
        assertThat(user.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(user.get("unionid").asString()).isEqualTo(held.get("unionid").asString());
        assertThat(user.has("anonymous")).as("a real user is not anonymous").isFalse();
        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isEqualTo(1);
        Http.Reply me = dev.http().me("Bearer " + session.get("accessToken").asString());
        assertThat(me.json()).isEqualTo(user);
    }

    @Test
    void theCodeAloneLogsInTooAndFindsTheSameUserLater() {
        DouyinSim.Codes first = douyin.login(DOUYIN_1, "dy-code-only");
        JsonNode created = assertSession(douyin.serviceLogin(DOUYIN_1, first.code(), null));

        JsonNode again = assertSession(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-code-only")));

        assertThat(created.get("newUser").asBoolean()).isTrue();
        assertThat(again.get("newUser").asBoolean()).isFalse();
        assertThat(again.get("user")).isEqualTo(created.get("user"));
    }

    @Test
    void aReplayedCodeIsCodeUsedAndReachesDouyinOnce() {
        DouyinSim.Codes codes = douyin.login(DOUYIN_1, "dy-replay");
        assertSession(douyin.serviceLogin(DOUYIN_1, codes));

        assertProblem(douyin.serviceLogin(DOUYIN_1, codes), 401, "code_used");
        assertProblem(douyin.serviceLogin(DOUYIN_1, codes.code(), null), 401, "code_used");
        assertProblem(douyin.serviceLogin(DOUYIN_1, null, codes.anonymousCode()), 401, "code_used");

        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isEqualTo(1);
    }

    @Test
    void aFreshCodeWithASpentAnonymousCodeIsCodeUsedAndKeepsTheFreshCode() {
        DouyinSim.Codes spent = douyin.login(DOUYIN_1, "dy-half-spent");
        assertSession(douyin.serviceLogin(DOUYIN_1, spent));
        DouyinSim.Codes fresh = douyin.login(DOUYIN_1, "dy-half-spent");

        assertProblem(douyin.serviceLogin(DOUYIN_1, fresh.code(), spent.anonymousCode()), 401, "code_used");

        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isEqualTo(1);
        assertSession(douyin.serviceLogin(DOUYIN_1, fresh));
    }

    @Test
    void oneCodeSentByTwentyConcurrentRequestsLogsInOnceAndReachesDouyinOnce() throws Exception {
        DouyinSim.Codes codes = douyin.login(DOUYIN_1, "dy-burst");
        long sessionsBefore = dev.service().count("wx_sessions");

        List<Http.Reply> replies = Concurrently.run(20, i -> douyin.serviceLogin(DOUYIN_1, codes));

        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        assertThat(ok).as("%s", replies).hasSize(1);
        assertSession(ok.get(0));
        assertThat(replies.stream().filter(r -> r.status() != 200))
                .hasSize(19)
                .allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isEqualTo(1);
        assertThat(dev.service().count("wx_sessions")).isEqualTo(sessionsBefore + 1);
    }

    @Test
    void twentyConcurrentFirstLoginsOfOneUserMakeOneUserAndOneIdentity() throws Exception {
        List<DouyinSim.Codes> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(douyin.login(DOUYIN_1, "dy-race"));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(
                20, i -> douyin.serviceLogin(DOUYIN_1, codes.get(i).code(), null));

        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).as("no orphan user rows").isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 1);
        assertThat(after.get("wx_unions")).isEqualTo(before.get("wx_unions") + 1);
    }

    @Test
    void theAppsOfOneDouyinGroupShareTheUserThroughItsUnionidButWeChatsAppsDoNot() {
        JsonNode one = assertSession(douyin.serviceLogin(DOUYIN_1, douyin.login(DOUYIN_1, "dy-union")))
                .get("user");
        JsonNode two = assertSession(douyin.serviceLogin(DOUYIN_2, douyin.login(DOUYIN_2, "dy-union")))
                .get("user");
        // The WeChat demo apps' group has the same name, "demo": a group is one platform's.
        JsonNode wechat = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "dy-union")))
                .get("user");

        assertThat(two.get("id").asString()).isEqualTo(one.get("id").asString());
        assertThat(two.get("unionid").asString()).isEqualTo(one.get("unionid").asString());
        assertThat(two.get("openid").asString()).isNotEqualTo(one.get("openid").asString());
        assertThat(wechat.get("id").asString()).isNotEqualTo(one.get("id").asString());
        assertThat(wechat.get("unionid").asString())
                .isNotEqualTo(one.get("unionid").asString());
        assertThat(wechat.get("platform").asString()).isEqualTo("wechat");
    }

    @Test
    void anAnonymousCodeForAWeChatAppIsUnsupportedAndSpendsNothing() {
        String code = dev.sim().code(APP_1, "dy-wechat-anon");

        assertProblem(douyin.serviceLogin(APP_1, code, "some-anonymous-code"), 400, "unsupported");
        assertProblem(douyin.serviceLogin(APP_1, null, "some-anonymous-code"), 400, "unsupported");

        assertThat(dev.sim().code2SessionCalls()).isZero();
        assertSession(dev.http().login(APP_1, code));
    }

    @Test
    void neitherCodeNorAnonymousCodeOrAMalformedOneIsInvalidRequest() {
        assertProblem(douyin.serviceLogin(DOUYIN_1, null, null), 400, "invalid_request");
        assertProblem(douyin.serviceLogin(DOUYIN_1, null, "bad code with spaces"), 400, "invalid_request");
        assertProblem(
                dev.http().postJson("/v1/auth/login", "{\"appId\":\"" + DOUYIN_1 + "\",\"anonymousCode\":42}"),
                400,
                "invalid_request");

        assertThat(douyin.calls(DouyinSim.CODE2SESSION)).isZero();
    }
}
