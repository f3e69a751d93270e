package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertSession;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "One code is exchanged with WeChat once": a repeat, sequential or simultaneous, is answered
 * {@code code_used} and never reaches WeChat (the simulator counts every jscode2session call).
 */
class CodeSingleUseTest {

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

    @BeforeEach
    void resetSimulator() {
        sim.reset();
    }

    @Test
    void repeatedCodeIsAnsweredCodeUsedWithoutReachingWeChat() {
        String code = sim.code(APP_1, "replay-user");
        assertSession(http.login(APP_1, code));

        assertProblem(http.login(APP_1, code), 401, "code_used");
        assertProblem(http.login(APP_1, code), 401, "code_used");

        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void codeWeChatRefusedSentAgainIsCodeUsedWithoutReachingWeChatAgain() {
        String neverIssued = "0123456789abcdefghijABCDEFGHIJ01";
        assertProblem(http.login(APP_1, neverIssued), 401, "invalid_code");

        assertProblem(http.login(APP_1, neverIssued), 401, "code_used");

        assertThat(sim.code2SessionCalls()).isEqualTo(1);
    }

    @Test
    void oneCodeSentByTwentyConcurrentRequestsLogsInOnceAndReachesWeChatOnce() throws Exception {
        String code = sim.code(APP_1, "burst-user");
        long rowsBefore = service.count("wx_sessions");

        List<Http.Reply> replies = Concurrently.run(20, i -> http.login(APP_1, code));

        List<Http.Reply> ok = replies.stream().filter(r -> r.status() == 200).toList();
        List<Http.Reply> refused = replies.stream().filter(r -> r.status() != 200).toList();
        assertThat(ok).as("%s", replies).hasSize(1);
        assertSession(ok.get(0));
        assertThat(refused).hasSize(19).allSatisfy(r -> assertProblem(r, 401, "code_used"));
        assertThat(sim.code2SessionCalls()).isEqualTo(1);
        assertThat(service.count("wx_sessions")).isEqualTo(rowsBefore + 1);
    }
}
