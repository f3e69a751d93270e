package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/login} for a WeCom app in dev mode (the demo corp {@code ww0000000000000001}),
 * WeCom's gettoken and jscode2session answered by the simulator at {@code /wecom} over real HTTP. A
 * WeCom code exchanged once however often and however simultaneously it is sent is
 * {@link CodeSingleUseTest}'s, one WeCom user however many first logins race {@link FirstLoginRaceTest}'s.
 */
class WeComLoginTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    static final WeComSim wecom = new WeComSim(dev::sim);

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
        WeComSim.forgetToken(dev.service(), WECOM_APP);
    }

    @Test
    void aWeComLoginMakesAUserWhoseOpenidIsTheUseridAndWhoseUnionidIsCorpidAndUserid() {
        JsonNode held = dev.sim().session(WECOM_APP, "zhangsan");

        JsonNode session = assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "zhangsan")));

        assertThat(session.get("newUser").asBoolean()).isTrue();
        JsonNode user = session.get("user");
        assertThat(user.get("platform").asString()).isEqualTo("wecom");
        assertThat(user.get("openid").asString())
                .isEqualTo("zhangsan")
                .isEqualTo(held.get("userid").asString());
        assertThat(user.get("unionid").asString()).isEqualTo(WECOM_APP + ":zhangsan");
        assertThat(wecom.tokenCalls()).isEqualTo(1);
        assertThat(wecom.code2SessionCalls()).isEqualTo(1);
        assertThat(dev.sim().code2SessionCalls()).as("WeChat is not asked").isZero();
    }

    @Test
    void laterLoginsFindTheSameUserWithTheCorpAppTokenFetchedOnce() {
        JsonNode first = assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "lisi")));
        JsonNode second = assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "lisi")));
        assertSession(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "wangwu")));

        assertThat(second.get("newUser").asBoolean()).isFalse();
        assertThat(second.get("user")).isEqualTo(first.get("user"));
        assertThat(wecom.tokenCalls()).as("one token for every login").isEqualTo(1);
        Http.Reply me = dev.http().me("Bearer " + second.get("accessToken").asString());
        assertThat(me.json()).isEqualTo(second.get("user"));
    }

    @Test
    void theSamePersonInTheCorpsWeChatMiniProgramAndInWeComIsTwoUsers() {
        Tokens weChatSide = Tokens.of(dev.http().login(APP_3, dev.sim().code(APP_3, "zhaoliu")));
        Tokens weComSide = Tokens.of(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "zhaoliu")));

        assertThat(weComSide.userId()).isNotEqualTo(weChatSide.userId());
        Identities identities = new Identities(dev.service());
        assertThat(identities.listed(weComSide))
                .extracting(i -> i.get("appId").asString())
                .containsExactly(WECOM_APP);
        assertThat(identities.listed(weChatSide))
                .extracting(i -> i.get("appId").asString())
                .containsExactly(APP_3);
    }

    @Test
    void onceLinkedTheWeComMemberLogsInAsTheWeChatUser() {
        Tokens weChatSide = Tokens.of(dev.http().login(APP_3, dev.sim().code(APP_3, "qianba")));
        Identities identities = new Identities(dev.service());

        JsonNode linked = identities.linked(weChatSide, WECOM_APP, "qianba");

        assertThat(linked.get("identity").get("openid").asString()).isEqualTo("qianba");
        assertThat(identities.listed(weChatSide))
                .extracting(i -> i.get("appId").asString())
                .containsExactlyInAnyOrder(APP_3, WECOM_APP);
        Tokens weComSide = Tokens.of(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "qianba")));
        assertThat(weComSide.userId()).isEqualTo(weChatSide.userId());
    }

    @Test
    void openDataOfAWeComAppDecryptsUnderTheSessionKeyAndPhoneFormsAreUnsupported() {
        Tokens tokens = Tokens.of(dev.http().login(WECOM_APP, dev.sim().code(WECOM_APP, "sunqi")));
        WeChatData data = new WeChatData(dev.service());
        JsonNode open = data.openData(WECOM_APP, "sunqi", Map.of("name", "Sun Qi", "gender", 1));

        Http.Reply decrypted = data.decrypt(
                tokens,
                Map.of(
                        "encryptedData", open.get("encryptedData").asString(),
                        "iv", open.get("iv").asString(),
                        "rawData", open.get("rawData").asString(),
                        "signature", open.get("signature").asString()));

        assertThat(decrypted.status()).as("%s", decrypted).isEqualTo(200);
        assertThat(decrypted.body()).contains("Sun Qi").contains("\"userid\":\"sunqi\"");
        assertProblem(data.bindPhone(tokens, Map.of("code", "any-phone-code")), 400, "unsupported");
        assertProblem(data.bindPhone(tokens, WeChatData.cipherOnly(open)), 400, "unsupported");
        assertThat(List.of(wecom.tokenCalls(), wecom.code2SessionCalls())).containsExactly(1L, 1L);
    }
}
