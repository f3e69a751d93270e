package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/login} for the Baidu demo app in dev mode, jscode2sessionkey answered by the
 * simulator at {@code /baidu} over real HTTP (it answers only the app's AppKey as client_id, so a login
 * proves the AppKey was sent). A Baidu code exchanged once however often and however simultaneously it
 * is sent is {@link CodeSingleUseTest}'s, and one Baidu user however many first logins race
 * {@link FirstLoginRaceTest}'s.
 */
class BaiduLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static final BaiduSim baidu = new BaiduSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void aBaiduLoginMakesABaiduUserWithBaidusOpenidAndNoUnionid() {
        JsonNode held = dev.sim().session(BAIDU_APP, "bd-first");

        JsonNode session = assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-first")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("platform").asString()).isEqualTo("baidu");
        assertThat(user.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(user.get("unionid").isNull()).as("Baidu gives no unionid").isTrue();
        assertThat(held.get("appKey").asString()).isEqualTo(BaiduSim.DEMO_APP_KEY);
        assertThat(baidu.calls()).isEqualTo(1);
        assertThat(dev.sim().code2SessionCalls()).as("WeChat is not asked").isZero();
    }

    @Test
    void aSecondBaiduLoginFindsTheSameUserAndMeAnswersIt() {
        JsonNode first = assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-again")));
        JsonNode second = assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-again")));

        assertThat(second.get("newUser").asBoolean()).isFalse();
        assertThat(second.get("user")).isEqualTo(first.get("user"));
        Http.Reply me = dev.http().me("Bearer " + second.get("accessToken").asString());
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json()).isEqualTo(second.get("user"));
    }

    @Test
    void theSameTestUserInBaiduAndWeChatIsTwoUsersUntilLinked() {
        JsonNode inBaidu = assertSession(dev.http().login(BAIDU_APP, dev.sim().code(BAIDU_APP, "bd-and-wx")))
                .get("user");
        JsonNode inWeChat = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "bd-and-wx")))
                .get("user");

        assertThat(inBaidu.get("id")).isNotEqualTo(inWeChat.get("id"));
    }
}
