package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.BAIDU_APP;
import static io.github.wxlogin.simulator.DemoApps.KUAISHOU_APP;
import static io.github.wxlogin.simulator.DemoApps.QQ_APP_1;
import static io.github.wxlogin.simulator.DemoApps.WECOM_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "One code is exchanged with WeChat once", on every platform: a repeat, sequential or simultaneous, is
 * answered {@code code_used} and never reaches the platform (the simulator counts every call to the
 * platform's code exchange).
 */
class CodeSingleUseTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    /** An app of each platform, and the path of that platform's code exchange in the simulator. */
    static Stream<Arguments> platforms() {
        return Stream.of(
                Arguments.of(APP_1, Sim.JSCODE2SESSION),
                Arguments.of(QQ_APP_1, QqSim.CODE2SESSION),
                Arguments.of(BAIDU_APP, BaiduSim.JSCODE2SESSIONKEY),
                Arguments.of(KUAISHOU_APP, KuaishouSim.CODE2SESSION),
                Arguments.of(WECOM_APP, WeComSim.JSCODE2SESSION));
    }

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
        WeComSim.forgetToken(dev.service(), WECOM_APP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void repeatedCodeIsAnsweredCodeUsedWithoutReachingThePlatform(String app, String exchange) {
        String code = dev.sim().code(app, "replay-user");
        assertSession(dev.http().login(app, code));

        assertProblem(dev.http().login(app, code), 401, "code_used");
        assertProblem(dev.http().login(app, code), 401, "code_used");

        assertThat(dev.sim().calls(exchange)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void codeThePlatformRefusedSentAgainIsCodeUsedWithoutReachingThePlatformAgain(String app, String exchange) {
        String neverIssued = "0123456789abcdefghijABCDEFGHIJ01";
        assertProblem(dev.http().login(app, neverIssued), 401, "invalid_code");

        assertProblem(dev.http().login(app, neverIssued), 401, "code_used");

        assertThat(dev.sim().calls(exchange)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void oneCodeSentByTwentyConcurrentRequestsLogsInOnceAndReachesThePlatformOnce(String app, String exchange)
            throws Exception {
        String code = dev.sim().code(app, "burst-user");
        long rowsBefore = dev.service().count("wx_sessions");

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(app, code));

        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        List<Http.Reply> refused =
                replies.stream().filter(r -> r.status() != 200).toList();
        assertThat(ok).as("%s", replies).hasSize(1);
        assertSession(ok.get(0));
        assertThat(refused).hasSize(19).allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(dev.sim().calls(exchange)).isEqualTo(1);
        assertThat(dev.service().count("wx_sessions")).isEqualTo(rowsBefore + 1);
    }
}
