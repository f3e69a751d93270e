package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's own limits on logins and refreshes: per client address and per app, 429
 * rate_limited with Retry-After, and a refused request spends nothing (the code stays good, the
 * refresh token unspent). X-Forwarded-For counts only from a trusted proxy. In a fleet the limit is
 * the fleet's (Bucket4j in Redis). Each test starts its own services with its own limits.
 */
class RateLimitTest {

    /** Every service here runs on this clock: time moves only when a test moves it, whatever the machine's speed. */
    private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));

    private final List<Path> dataDirs = new ArrayList<>();
    private final List<TestService> services = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        services.forEach(TestService::close);
        for (Path dir : dataDirs) {
            TestFiles.deleteTree(dir);
        }
    }

    @BeforeEach
    void onceIsEnough() {
        // Limits do not depend on the database: run with the embedded suite only.
        TestDatabase.onlyInTheEmbeddedSuite("database-independent");
    }

    private TestService start(String... args) throws IOException {
        Path dir = Files.createTempDirectory("ratelimit");
        dataDirs.add(dir);
        TestService service = TestService.dev(dir, clock, args);
        services.add(service);
        return service;
    }

    @Test
    void aClientOverItsLimitIsRefusedAndItsCodeStaysGood() throws Exception {
        TestService service = start("--wxlogin.rate-limit.per-ip=3", "--wxlogin.rate-limit.window=3s");
        for (int i = 0; i < 3; i++) {
            assertThat(service.http()
                            .login(APP_1, service.sim().code(APP_1, "ip-" + i))
                            .status())
                    .isEqualTo(200);
        }
        String code = service.sim().code(APP_1, "ip-refused");
        long calls = service.sim().code2SessionCalls();

        Http.Reply refused = service.http().login(APP_1, code);

        assertProblem(refused, 429, "rate_limited");
        assertRetryAfter(refused);
        assertThat(service.sim().code2SessionCalls()).isEqualTo(calls);
        assertThat(service.count("wx_sessions")).isEqualTo(3);
        assertThat(service.http().get("/actuator/prometheus").body())
                .containsPattern("wxlogin_rate_limit_refusals_total\\{limit=\"per_ip\"} [1-9]");

        assertThat(afterTheWait(refused, () -> service.http().login(APP_1, code))
                        .status())
                .as("the refused code was never spent")
                .isEqualTo(200);
    }

    @Test
    void aRefusedRefreshLeavesItsTokenGood() throws Exception {
        TestService service = start("--wxlogin.rate-limit.per-ip=2", "--wxlogin.rate-limit.window=2s");
        Tokens tokens = service.login(APP_1, "refresh-limited");
        assertThat(service.http()
                        .login(APP_1, service.sim().code(APP_1, "other"))
                        .status())
                .isEqualTo(200);

        Http.Reply refused = service.http().refresh(tokens.refresh());

        assertProblem(refused, 429, "rate_limited");
        assertThat(afterTheWait(refused, () -> service.http().refresh(tokens.refresh()))
                        .status())
                .as("not token_reused: the refused refresh spent nothing")
                .isEqualTo(200);
    }

    @Test
    void otherCallsAreNotLimited() throws Exception {
        TestService service = start("--wxlogin.rate-limit.per-ip=1", "--wxlogin.rate-limit.window=1m");
        Tokens tokens = service.login(APP_1, "reader");
        for (int i = 0; i < 5; i++) {
            assertThat(service.http().me("Bearer " + tokens.access()).status()).isEqualTo(200);
        }
        assertProblem(service.http().refresh(tokens.refresh()), 429, "rate_limited");
    }

    @Test
    void anAppOverItsLimitIsRefusedWhileOtherAppsGoOn() throws Exception {
        TestService service = start(
                "--wxlogin.rate-limit.per-ip=0", "--wxlogin.rate-limit.per-app=2", "--wxlogin.rate-limit.window=2s");
        Tokens first = service.login(APP_1, "app-0");
        assertThat(service.http()
                        .login(APP_1, service.sim().code(APP_1, "app-1"))
                        .status())
                .isEqualTo(200);
        String code = service.sim().code(APP_1, "app-2");

        Http.Reply refused = service.http().login(APP_1, code);
        Http.Reply refreshRefused = service.http().refresh(first.refresh());

        assertProblem(refused, 429, "rate_limited");
        assertRetryAfter(refused);
        assertProblem(refreshRefused, 429, "rate_limited");
        assertThat(service.http()
                        .login(APP_2, service.sim().code(APP_2, "app-2"))
                        .status())
                .as("another app has its own allowance")
                .isEqualTo(200);
        assertThat(service.http().get("/actuator/prometheus").body())
                .containsPattern("wxlogin_rate_limit_refusals_total\\{limit=\"per_app\"} [2-9]");

        assertThat(afterTheWait(refreshRefused, () -> service.http().refresh(first.refresh()))
                        .status())
                .as("not token_reused: the refused refresh spent nothing")
                .isEqualTo(200);
        assertThat(afterTheWait(refused, () -> service.http().login(APP_1, code))
                        .status())
                .as("the refused code was never spent")
                .isEqualTo(200);
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimit() throws Exception {
        TestService service = start(
                "--wxlogin.rate-limit.per-ip=2",
                "--wxlogin.rate-limit.window=1m",
                "--wxlogin.trusted-proxies=10.0.0.0/8, 127.0.0.1, ::1");
        for (int i = 0; i < 2; i++) {
            assertThat(loginFrom(service, "203.0.113.7", "a-" + i).status()).isEqualTo(200);
        }
        assertProblem(loginFrom(service, "203.0.113.7", "a-2"), 429, "rate_limited");
        assertThat(loginFrom(service, "203.0.113.8", "b-0").status()).isEqualTo(200);
        // A client cannot hide behind a forged header: the proxy appends what it saw, read from the right.
        assertProblem(loginFrom(service, "198.51.100.1, 203.0.113.7", "a-forged"), 429, "rate_limited");
        // Through a second trusted proxy the client is still found.
        assertProblem(loginFrom(service, "203.0.113.7, 10.1.2.3", "a-two-hops"), 429, "rate_limited");
    }

    @Test
    void withoutATrustedProxyXForwardedForIsIgnored() throws Exception {
        TestService service = start("--wxlogin.rate-limit.per-ip=2", "--wxlogin.rate-limit.window=1m");
        assertThat(loginFrom(service, "203.0.113.1", "x-0").status()).isEqualTo(200);
        assertThat(loginFrom(service, "203.0.113.2", "x-1").status()).isEqualTo(200);

        assertProblem(loginFrom(service, "203.0.113.3", "x-2"), 429, "rate_limited");
    }

    @Test
    void aMisconfiguredTrustedProxyStopsTheStart() throws IOException {
        Path dir = Files.createTempDirectory("ratelimit");
        dataDirs.add(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TestService.dev(dir, "--wxlogin.trusted-proxies=proxy.example.com"))
                .hasStackTraceContaining("is not an IP address or CIDR range");
    }

    @Test
    void aFleetSharesOneLimitThroughRedis() throws Exception {
        String redis = TestRedis.database(5);
        TestService a = start(
                "--wxlogin.redis-url=" + redis, "--wxlogin.rate-limit.per-ip=3", "--wxlogin.rate-limit.window=1m");
        TestService b = start(
                "--wxlogin.redis-url=" + redis, "--wxlogin.rate-limit.per-ip=3", "--wxlogin.rate-limit.window=1m");

        assertThat(a.http().login(APP_1, a.sim().code(APP_1, "f-0")).status()).isEqualTo(200);
        assertThat(b.http().login(APP_1, b.sim().code(APP_1, "f-1")).status()).isEqualTo(200);
        assertThat(a.http().login(APP_1, a.sim().code(APP_1, "f-2")).status()).isEqualTo(200);

        assertProblem(b.http().login(APP_1, b.sim().code(APP_1, "f-3")), 429, "rate_limited");
        assertProblem(a.http().login(APP_1, a.sim().code(APP_1, "f-4")), 429, "rate_limited");
    }

    private static Http.Reply loginFrom(TestService service, String forwardedFor, String user) {
        return service.http().login(APP_1, service.sim().code(APP_1, user), "X-Forwarded-For", forwardedFor);
    }

    /** Moves the services' clock on by the refusal's Retry-After, then asks again. */
    private Http.Reply afterTheWait(Http.Reply refused, Supplier<Http.Reply> call) {
        clock.advance(
                Duration.ofSeconds(Long.parseLong(refused.header("Retry-After").orElseThrow())));
        return call.get();
    }
}
