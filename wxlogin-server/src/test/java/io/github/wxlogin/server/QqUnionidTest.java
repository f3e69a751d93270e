package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A QQ unionid joins users within one group of QQ apps (one QQ互联 account), never across groups, never
 * with an app of no group, and never with another platform's app, even in a group of the same name.
 * Dev mode with these apps given as {@code WXLOGIN_APPS}, on both sides.
 */
class QqUnionidTest {

    static final String QQ_G1_A = "1110000101";
    static final String QQ_G1_B = "1110000102";
    static final String QQ_G2 = "1110000103";
    static final String QQ_SOLO = "1110000104";
    static final String WECHAT_G1 = "wx0000000000000101";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(Map.of(
            "WXLOGIN_APPS",
            "qq:" + QQ_G1_A + ":qqsecret101:g1,qq:" + QQ_G1_B + ":qqsecret102:g1,qq:" + QQ_G2 + ":qqsecret103:g2,qq:"
                    + QQ_SOLO + ":qqsecret104," + WECHAT_G1 + ":wxsecret101:g1"));

    private static JsonNode login(String appId, String user) {
        return assertSession(dev.http().login(appId, dev.sim().code(appId, user)));
    }

    @Test
    void oneQqUserInTwoAppsOfAGroupIsOneUserWithOneUnionidAndTwoOpenids() {
        JsonNode a = login(QQ_G1_A, "qq-union").get("user");

        JsonNode b = login(QQ_G1_B, "qq-union");

        assertThat(b.get("newUser").asBoolean()).isFalse();
        assertThat(b.get("user").get("id")).isEqualTo(a.get("id"));
        assertThat(b.get("user").get("unionid").asString())
                .isEqualTo(a.get("unionid").asString())
                .isEqualTo(dev.sim().session(QQ_G1_B, "qq-union").get("unionid").asString());
        assertThat(b.get("user").get("openid")).isNotEqualTo(a.get("openid"));
    }

    @Test
    void theSameQqUserInAnotherGroupIsAnotherUser() {
        JsonNode g1 = login(QQ_G1_A, "qq-two-groups").get("user");

        JsonNode g2 = login(QQ_G2, "qq-two-groups");

        assertThat(g2.get("newUser").asBoolean()).isTrue();
        assertThat(g2.get("user").get("id")).isNotEqualTo(g1.get("id"));
        assertThat(g2.get("user").get("unionid").asString())
                .isNotEqualTo(g1.get("unionid").asString());
    }

    @Test
    void theSameQqUserInAnAppOfNoGroupIsAnotherUserWithoutUnionid() {
        JsonNode grouped = login(QQ_G1_A, "qq-solo").get("user");

        JsonNode solo = login(QQ_SOLO, "qq-solo");

        assertThat(solo.get("newUser").asBoolean()).isTrue();
        assertThat(solo.get("user").get("id")).isNotEqualTo(grouped.get("id"));
        assertThat(solo.get("user").get("unionid").isNull()).isTrue();
    }

    @Test
    void aWeChatAppInAGroupOfTheSameNameNeverSharesAQqUser() {
        JsonNode qq = login(QQ_G1_A, "qq-and-wechat").get("user");

        JsonNode wechat = login(WECHAT_G1, "qq-and-wechat");

        assertThat(wechat.get("newUser").asBoolean()).isTrue();
        assertThat(wechat.get("user").get("id")).isNotEqualTo(qq.get("id"));
        assertThat(wechat.get("user").get("platform").asString()).isEqualTo("wechat");
        assertThat(qq.get("platform").asString()).isEqualTo("qq");
        assertThat(wechat.get("user").get("unionid").asString())
                .isNotEqualTo(qq.get("unionid").asString());
    }
}
