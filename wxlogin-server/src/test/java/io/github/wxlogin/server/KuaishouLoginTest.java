package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/login} for a Kuaishou app in dev mode, Kuaishou's code2Session answered by the
 * simulator at {@code /kuaishou} over real HTTP. A Kuaishou code exchanged once however often and however
 * simultaneously it is sent is {@link CodeSingleUseTest}'s, and one Kuaishou user however many first
 * logins race {@link FirstLoginRaceTest}'s: both run for every platform.
 */
class KuaishouLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static final KuaishouSim kuaishou = new KuaishouSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void aKuaishouLoginMakesAKuaishouUserWithKuaishousOpenIdAndNoUnionid() {
        JsonNode held = dev.sim().session(KUAISHOU_APP, "ks-first");

        JsonNode session =
                assertSession(dev.http().login(KUAISHOU_APP, dev.sim().code(KUAISHOU_APP, "ks-first")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("platform").asString()).isEqualTo("kuaishou");
        assertThat(user.get("openid").asString()).isEqualTo(held.get("openid").asString());
        assertThat(user.get("unionid").isNull()).isTrue();
        assertThat(kuaishou.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.sim().code2SessionCalls()).as("WeChat is not asked").isZero();
    }

    @Test
    void aSecondKuaishouLoginFindsTheSameUserAndMeAnswersIt() {
        JsonNode first = assertSession(dev.http().login(KUAISHOU_APP, dev.sim().code(KUAISHOU_APP, "ks-again")));
        JsonNode second = assertSession(dev.http().login(KUAISHOU_APP, dev.sim().code(KUAISHOU_APP, "ks-again")));

        assertThat(second.get("newUser").asBoolean()).isFalse();
        assertThat(second.get("user")).isEqualTo(first.get("user"));
        Http.Reply me = dev.http().me("Bearer " + second.get("accessToken").asString());
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json()).isEqualTo(second.get("user"));
    }
}
