package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * "Users of different apps bound to one WeChat Open Platform account share one id through their
 * unionid": the demo apps 1 and 2 share a group, app 3 is in none.
 */
class UnionidTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    @Test
    void oneWeChatUserInTwoAppsOfAGroupIsOneUserWithOneUnionidAndTwoOpenids() {
        JsonNode one = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "union-user")))
                .get("user");
        JsonNode two = assertSession(dev.http().login(APP_2, dev.sim().code(APP_2, "union-user")));

        assertThat(two.get("newUser").asBoolean()).isFalse();
        JsonNode user = two.get("user");
        assertThat(user.get("id").asString()).isEqualTo(one.get("id").asString());
        assertThat(user.get("unionid").isString()).isTrue();
        assertThat(user.get("unionid").asString())
                .isEqualTo(one.get("unionid").asString())
                .isEqualTo(dev.sim().session(APP_2, "union-user").get("unionid").asString());
        assertThat(user.get("openid").asString())
                .isNotEqualTo(one.get("openid").asString())
                .isEqualTo(dev.sim().session(APP_2, "union-user").get("openid").asString());
    }

    @Test
    void meAnswersTheOpenidOfTheAppTheTokenWasIssuedFor() {
        JsonNode one = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "union-me")));
        JsonNode two = assertSession(dev.http().login(APP_2, dev.sim().code(APP_2, "union-me")));

        JsonNode meOne =
                dev.http().me("Bearer " + one.get("accessToken").asString()).json();
        JsonNode meTwo =
                dev.http().me("Bearer " + two.get("accessToken").asString()).json();

        assertThat(meOne.get("id")).isEqualTo(meTwo.get("id"));
        assertThat(meOne.get("openid").asString())
                .isEqualTo(dev.sim().session(APP_1, "union-me").get("openid").asString());
        assertThat(meTwo.get("openid").asString())
                .isEqualTo(dev.sim().session(APP_2, "union-me").get("openid").asString());
    }

    @Test
    void theSameWeChatUserInAnAppOfNoGroupIsAnotherUserWithoutUnionid() {
        JsonNode grouped = assertSession(dev.http().login(APP_1, dev.sim().code(APP_1, "union-solo")))
                .get("user");

        JsonNode solo = assertSession(dev.http().login(APP_3, dev.sim().code(APP_3, "union-solo")));

        assertThat(solo.get("newUser").asBoolean()).isTrue();
        assertThat(solo.get("user").get("id").asString())
                .isNotEqualTo(grouped.get("id").asString());
        assertThat(solo.get("user").get("unionid").isNull()).isTrue();
        assertThat(solo.get("user").get("openid").asString())
                .isEqualTo(dev.sim().session(APP_3, "union-solo").get("openid").asString());
    }
}
