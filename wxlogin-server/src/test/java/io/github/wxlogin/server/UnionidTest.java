package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.APP_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * "Users of different apps bound to one WeChat Open Platform account share one id through their
 * unionid": the demo apps 1 and 2 share a group, app 3 is in none.
 */
class UnionidTest {

    @TempDir
    static Path dataDir;
    static TestService service;
    static Http http;
    static Sim sim;

    @BeforeAll
    static void start() {
        service = TestService.dev(dataDir);
        http = service.http();
        sim = service.sim();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void oneWeChatUserInTwoAppsOfAGroupIsOneUserWithOneUnionidAndTwoOpenids() {
        JsonNode one = assertSession(http.login(APP_1, sim.code(APP_1, "union-user"))).get("user");
        JsonNode two = assertSession(http.login(APP_2, sim.code(APP_2, "union-user")));

        assertThat(two.get("newUser").asBoolean()).isFalse();
        JsonNode user = two.get("user");
        assertThat(user.get("id").asString()).isEqualTo(one.get("id").asString());
        assertThat(user.get("unionid").isString()).isTrue();
        assertThat(user.get("unionid").asString()).isEqualTo(one.get("unionid").asString())
                .isEqualTo(sim.session(APP_2, "union-user").get("unionid").asString());
        assertThat(user.get("openid").asString()).isNotEqualTo(one.get("openid").asString())
                .isEqualTo(sim.session(APP_2, "union-user").get("openid").asString());
    }

    @Test
    void meAnswersTheOpenidOfTheAppTheTokenWasIssuedFor() {
        JsonNode one = assertSession(http.login(APP_1, sim.code(APP_1, "union-me")));
        JsonNode two = assertSession(http.login(APP_2, sim.code(APP_2, "union-me")));

        JsonNode meOne = http.me("Bearer " + one.get("accessToken").asString()).json();
        JsonNode meTwo = http.me("Bearer " + two.get("accessToken").asString()).json();

        assertThat(meOne.get("id")).isEqualTo(meTwo.get("id"));
        assertThat(meOne.get("openid").asString()).isEqualTo(sim.session(APP_1, "union-me").get("openid").asString());
        assertThat(meTwo.get("openid").asString()).isEqualTo(sim.session(APP_2, "union-me").get("openid").asString());
    }

    @Test
    void theSameWeChatUserInAnAppOfNoGroupIsAnotherUserWithoutUnionid() {
        JsonNode grouped = assertSession(http.login(APP_1, sim.code(APP_1, "union-solo"))).get("user");

        JsonNode solo = assertSession(http.login(APP_3, sim.code(APP_3, "union-solo")));

        assertThat(solo.get("newUser").asBoolean()).isTrue();
        assertThat(solo.get("user").get("id").asString()).isNotEqualTo(grouped.get("id").asString());
        assertThat(solo.get("user").get("unionid").isNull()).isTrue();
        assertThat(solo.get("user").get("openid").asString())
                .isEqualTo(sim.session(APP_3, "union-solo").get("openid").asString());
    }
}
