package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/login} for QQ apps in dev mode, QQ's code2Session answered by the simulator at
 * {@code /qq} over real HTTP. A QQ code exchanged once however often and however simultaneously it is
 * sent is {@link CodeSingleUseTest}'s, and one QQ user however many first logins race
 * {@link FirstLoginRaceTest}'s: both run for every platform.
 */
class QqLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static final QqSim qq = new QqSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
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
}
