package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Kuaishou gives a mini program an open_id and no unionid (code2Session answers {@code open_id} and
 * {@code session_key} only), so nothing joins one person's Kuaishou apps: even two Kuaishou apps
 * configured in one group are two users, each without a unionid, until the user links them
 * ({@code POST /v1/me/identities}) or link by phone does. Nor is a Kuaishou user ever a WeChat user of a
 * group of the same name. Dev mode with these apps as {@code WXLOGIN_APPS}, on both sides.
 */
class KuaishouNoUnionidTest {

    static final String KS_A = "ks0000000000000101";
    static final String KS_B = "ks0000000000000102";
    static final String WECHAT_G1 = "wx0000000000000101";

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(Map.of(
            "WXLOGIN_APPS",
            "kuaishou:" + KS_A + ":kssecret101:g1,kuaishou:" + KS_B + ":kssecret102:g1," + WECHAT_G1
                    + ":wxsecret101:g1"));

    private static JsonNode login(String appId, String user) {
        return assertSession(dev.http().login(appId, dev.sim().code(appId, user)));
    }

    @Test
    void oneKuaishouPersonInTwoAppsOfAGroupIsTwoUsersWithoutUnionid() {
        JsonNode a = login(KS_A, "ks-two-apps").get("user");

        JsonNode b = login(KS_B, "ks-two-apps");

        assertThat(b.get("newUser").asBoolean()).isTrue();
        assertThat(b.get("user").get("id")).isNotEqualTo(a.get("id"));
        assertThat(a.get("unionid").isNull()).isTrue();
        assertThat(b.get("user").get("unionid").isNull()).isTrue();
        assertThat(dev.sim().session(KS_B, "ks-two-apps").get("unionid").isNull())
                .isTrue();
    }

    @Test
    void aWeChatAppInAGroupOfTheSameNameNeverSharesAKuaishouUser() {
        JsonNode ks = login(KS_A, "ks-and-wechat").get("user");

        JsonNode wechat = login(WECHAT_G1, "ks-and-wechat");

        assertThat(wechat.get("newUser").asBoolean()).isTrue();
        assertThat(wechat.get("user").get("id")).isNotEqualTo(ks.get("id"));
        assertThat(ks.get("platform").asString()).isEqualTo("kuaishou");
    }

    @Test
    void aKuaishouUserLinksTheOtherKuaishouAppByItsCodeAndIsThenOneUser() {
        JsonNode a = login(KS_A, "ks-linked");
        String bearer = a.get("accessToken").asString();

        Http.Reply linked = dev.http()
                .withBearer(
                        "POST",
                        "/v1/me/identities",
                        bearer,
                        "{\"appId\":\"" + KS_B + "\",\"code\":\"" + dev.sim().code(KS_B, "ks-linked") + "\"}");

        assertThat(linked.status()).as("%s", linked).isEqualTo(200);
        JsonNode b = login(KS_B, "ks-linked");
        assertThat(b.get("newUser").asBoolean()).isFalse();
        assertThat(b.get("user").get("id")).isEqualTo(a.get("user").get("id"));
    }
}
