package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_2;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.testing.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** "Many logins of one new WeChat user at the same moment make exactly one user", on every platform. */
class FirstLoginRaceTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    /** An app of each platform. */
    static Stream<String> apps() {
        return Stream.of(APP_1, QQ_APP_1, BAIDU_APP, KUAISHOU_APP, WECOM_APP);
    }

    /** Two apps of one group on each platform. */
    static Stream<Arguments> groups() {
        return Stream.of(Arguments.of(APP_1, APP_2), Arguments.of(QQ_APP_1, QQ_APP_2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void twentyConcurrentFirstLoginsOfOneUserMakeOneUserAndOneIdentity(String app) throws Exception {
        String user = "race-user";
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(dev.sim().code(app, user));
        }
        Map<String, Long> before = dev.service().rowCounts();

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(app, codes.get(i)));

        assertThat(replies)
                .as("%s", replies)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<JsonNode> sessions = replies.stream().map(Contract::assertSession).toList();
        assertThat(sessions.stream()
                        .map(s -> s.get("user").get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        String userId = sessions.get(0).get("user").get("id").asString();
        String openid = dev.sim().session(app, user).get("openid").asString();

        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_users WHERE id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_identities WHERE app_id = ? AND openid = ?")
                        .params(app, openid)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).as("no orphan user rows").isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 1);
        // A union row where the app has a group: Kuaishou has no unionid, WeCom's corpid:userid joins nothing.
        long unions = dev.service()
                        .bean(Apps.class)
                        .find(app)
                        .orElseThrow()
                        .unionGroup()
                        .isPresent()
                ? 1
                : 0;
        assertThat(after.get("wx_unions"))
                .as("a union row where the app has a group")
                .isEqualTo(before.get("wx_unions") + unions);
        assertThat(after.get("wx_sessions")).isEqualTo(before.get("wx_sessions") + 20);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @MethodSource("groups")
    void concurrentFirstLoginsThroughTwoAppsOfOneGroupMakeOneUser(String one, String two) throws Exception {
        String user = "race-union-user";
        List<String> apps = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String app = i % 2 == 0 ? one : two;
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
        assertThat(sessions.stream().filter(s -> s.get("newUser").asBoolean())).hasSize(1);
        Map<String, Long> after = dev.service().rowCounts();
        assertThat(after.get("wx_users")).as("no orphan user rows").isEqualTo(before.get("wx_users") + 1);
        assertThat(after.get("wx_identities")).isEqualTo(before.get("wx_identities") + 2);
        assertThat(after.get("wx_unions")).isEqualTo(before.get("wx_unions") + 1);
    }
}
