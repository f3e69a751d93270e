package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
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
 * {@code POST /v1/auth/login} for QQ apps in dev mode, QQ's code2Session answered by the simulator at
 * {@code /qq} over real HTTP: the session, a code exchanged with QQ once however often and however
 * simultaneously it is sent, and one user however many first logins race.
 */
class QqLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static QqSim qq;

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
        qq = new QqSim(dev.sim());
    }

    @Test
    void aQqLoginMakesAQqUserWithQqsOpenidAndUnionid() {
        JsonNode held = dev.sim().session(QQ_APP_1, "qq-first");

        JsonNode session = assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-first")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("platform").asString()).isEqualTo("qq");
        assertThat(user.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(user.get("unionid").asString()).isEqualTo(held.get("unionid").asString());
        assertThat(user.has("anonymous")).isFalse();
        assertThat(qq.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.sim().code2SessionCalls()).as("WeChat is not asked").isZero();
    }

    @Test
    void aSecondQqLoginFindsTheSameUserAndMeAnswersIt() {
        JsonNode first = assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-again")));
        JsonNode second = assertSession(dev.http().login(QQ_APP_1, dev.sim().code(QQ_APP_1, "qq-again")));

        assertThat(second.get("newUser").asBoolean()).isFalse();
        assertThat(second.get("user")).isEqualTo(first.get("user"));
        Http.Reply me = dev.http().me("Bearer " + second.get("accessToken").asString());
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json()).isEqualTo(second.get("user"));
    }

    @Test
    void aRepeatedQqCodeIsCodeUsedAndReachesQqOnce() {
        String code = dev.sim().code(QQ_APP_1, "qq-replay");
        assertSession(dev.http().login(QQ_APP_1, code));

        assertProblem(dev.http().login(QQ_APP_1, code), 401, "code_used");
        assertProblem(dev.http().login(QQ_APP_1, code), 401, "code_used");

        assertThat(qq.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void aCodeQqRefusedSentAgainIsCodeUsedWithoutReachingQqAgain() {
        String neverIssued = "0123456789abcdefghijABCDEFGHIJ01";
        assertProblem(dev.http().login(QQ_APP_1, neverIssued), 401, "invalid_code");

        assertProblem(dev.http().login(QQ_APP_1, neverIssued), 401, "code_used");

        assertThat(qq.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void oneQqCodeSentByTwentyAtOnceLogsInOnceAndReachesQqOnce() throws Exception {
        String code = dev.sim().code(QQ_APP_1, "qq-burst");
        long sessionsBefore = dev.service().count("wx_sessions");

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(QQ_APP_1, code));

        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        assertThat(ok).as("%s", replies).hasSize(1);
        assertSession(ok.get(0));
        assertThat(replies.stream().filter(r -> r.status() != 200).toList())
                .hasSize(19)
                .allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(qq.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().count("wx_sessions")).isEqualTo(sessionsBefore + 1);
    }

    @Test
    void twentyConcurrentFirstQqLoginsOfOneUserMakeOneUserAndOneIdentity() throws Exception {
        String user = "qq-race";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(dev.sim().code(QQ_APP_1, user));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(QQ_APP_1, codes.get(i)));

        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        String openid = dev.sim().session(QQ_APP_1, user).get("openid").asString();
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_identities WHERE app_id = ? AND openid = ?")
                        .params(QQ_APP_1, openid)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).as("no orphan user rows").isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 1);
        assertThat(after.get("wx_unions")).isEqualTo(before.get("wx_unions") + 1);
        assertThat(after.get("wx_sessions")).isEqualTo(before.get("wx_sessions") + 20);
    }

    @Test
    void concurrentFirstLoginsThroughBothQqAppsOfTheGroupMakeOneUser() throws Exception {
        String user = "qq-race-union";
        List<String> apps = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String app = i % 2 == 0 ? QQ_APP_1 : QQ_APP_2;
            apps.add(app);
            codes.add(dev.sim().code(app, user));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(apps.get(i), codes.get(i)));

        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("unionid").asString())
                        .distinct())
                .hasSize(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 2);
        assertThat(after.get("wx_unions")).isEqualTo(before.get("wx_unions") + 1);
    }
}
