package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login is answered asynchronously; one still waiting for WeChat when its request times out
 * ({@code spring.mvc.async.request-timeout}) is answered 503 with Retry-After, and is cancelled: when
 * WeChat's answer comes later, nothing is written for it, so the same user's next login is still its
 * first. Against the simulator's stall, over real HTTP.
 */
class LoginTimeoutTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev(
                    "--spring.mvc.async.request-timeout=2s",
                    "--wxlogin.wechat.request-timeout=9s",
                    "--wxlogin.wechat.total-budget=10s",
                    "--wxlogin.rate-limit.per-ip=0")
            .databaseIndependent();

    @Test
    void aLoginPastTheRequestTimeoutIsAnswered503AndWritesNothingWhenWeChatAnswersLater() throws Exception {
        dev.sim().reset();
        dev.sim().stallCode2Session(4_000, 1);
        long started = System.nanoTime();

        Http.Reply timedOut = dev.http().login(APP_1, dev.sim().code(APP_1, "late-user"));

        assertProblem(timedOut, 503, "upstream_unavailable");
        assertRetryAfter(timedOut);
        // Past the stall, WeChat's late answer has reached the service (the stalled call answers at 4 s).
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(Math.max(0, 6_000 - waitedMs));

        // The same user's next login (not stalled) is its first: the abandoned one wrote no user. Retried
        // with fresh codes should a slow machine time a login out again; such a login writes nothing either.
        Http.Reply next = null;
        for (int i = 0; i < 5 && (next == null || next.status() == 503); i++) {
            next = dev.http().login(APP_1, dev.sim().code(APP_1, "late-user"));
        }
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("newUser").asBoolean())
                .as("the timed-out login made no user")
                .isTrue();
    }
}
