package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.Concurrently;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "One code is exchanged with WeChat once": a repeat, sequential or simultaneous, is answered
 * {@code code_used} and never reaches WeChat (the simulator counts every jscode2session call).
 */
class CodeSingleUseTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    @BeforeEach
    void resetSimulator() {
        dev.sim().reset();
    }

    @Test
    void repeatedCodeIsAnsweredCodeUsedWithoutReachingWeChat() {
        String code = dev.sim().code(APP_1, "replay-user");
        assertSession(dev.http().login(APP_1, code));

        assertProblem(dev.http().login(APP_1, code), 401, "code_used");
        assertProblem(dev.http().login(APP_1, code), 401, "code_used");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void codeWeChatRefusedSentAgainIsCodeUsedWithoutReachingWeChatAgain() {
        String neverIssued = "0123456789abcdefghijABCDEFGHIJ01";
        assertProblem(dev.http().login(APP_1, neverIssued), 401, "invalid_code");

        assertProblem(dev.http().login(APP_1, neverIssued), 401, "code_used");

        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void oneCodeSentByTwentyConcurrentRequestsLogsInOnceAndReachesWeChatOnce() throws Exception {
        String code = dev.sim().code(APP_1, "burst-user");
        long rowsBefore = dev.service().count("wx_sessions");

        List<Http.Reply> replies = Concurrently.run(20, i -> dev.http().login(APP_1, code));

        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        List<Http.Reply> refused =
                replies.stream().filter(r -> r.status() != 200).toList();
        assertThat(ok).as("%s", replies).hasSize(1);
        assertSession(ok.get(0));
        assertThat(refused).hasSize(19).allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(dev.sim().code2SessionCalls()).isEqualTo(1);
        assertThat(dev.service().count("wx_sessions")).isEqualTo(rowsBefore + 1);
    }
}
