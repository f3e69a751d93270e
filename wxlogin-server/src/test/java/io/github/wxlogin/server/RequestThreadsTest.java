package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tomcat's request threads (web.RequestThreads): few by default, set by {@code WXLOGIN_REQUEST_THREADS}
 * or Spring's own property; and with only two of them, calls stalled at the platform hold none, so the
 * service goes on answering everything else meanwhile (web.PlatformCalls; the simulator inside dev mode
 * answers its stalls asynchronously too).
 */
class RequestThreadsTest {

    /**
     * Each bind's phone call stalls this long at the simulator: the margin a /v1/me and a discovery call
     * have to be answered in, far more than they take even on a loaded machine.
     */
    private static final long STALL_MS = 8_000;

    private static final int STALLED_BINDS = 4;

    @RegisterExtension
    static final ServiceExtension twoThreads = ServiceExtension.dev(
                    Map.of("WXLOGIN_REQUEST_THREADS", "2"),
                    "--wxlogin.rate-limit.per-ip=0",
                    "--wxlogin.wechat.request-timeout=30s",
                    "--wxlogin.wechat.total-budget=30s")
            .databaseIndependent();

    private static ExecutorService clients;

    @BeforeAll
    static void clients() {
        clients = Executors.newFixedThreadPool(STALLED_BINDS);
    }

    @AfterAll
    static void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void theSettingSetsTomcatsThreads() {
        assertThat(twoThreads.service().maxRequestThreads()).isEqualTo(2);
    }

    @Test
    void byDefaultEightACoreAndAtLeastSixteenAndSpringsOwnPropertyWins(@TempDir Path byDefault, @TempDir Path spring)
            throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (TestService service = TestService.dev(byDefault)) {
            assertThat(service.maxRequestThreads()).isEqualTo(Math.max(16, 8 * cores));
        }
        try (TestService service = TestService.start(
                spring,
                TestPorts.free(),
                Map.of("WXLOGIN_REQUEST_THREADS", "3"),
                true,
                "--server.tomcat.threads.max=7")) {
            assertThat(service.maxRequestThreads()).isEqualTo(7);
        }
    }

    @Test
    void aManagementPortOfItsOwnRunsTheSameNumberOfThreads(@TempDir Path dataDir) throws Exception {
        int management = TestPorts.free();
        try (TestService service = TestService.start(
                dataDir,
                TestPorts.free(),
                Map.of("WXLOGIN_REQUEST_THREADS", "2"),
                true,
                "--management.server.port=" + management)) {
            // Tomcat starts min(10, its most) threads at once, and a burst of 16 calls at a time asks
            // for more: with Tomcat's own 200 there would be 10 to 16 of them.
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                burst.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : burst) {
                assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            assertThat(requestThreadsOn(management)).isBetween(1L, 2L);
            assertThat(service.maxRequestThreads()).isEqualTo(2);
        }
    }

    /** The live request threads of the Tomcat on {@code port}, by their names (http-nio-…-PORT-exec-N). */
    private static long requestThreadsOn(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().contains("-" + port + "-exec-"))
                .count();
    }

    @Test
    void phoneBindsStalledAtThePlatformHoldNoRequestThread() throws Exception {
        TestService service = twoThreads.service();
        WeChatData wx = new WeChatData(service);
        Tokens reader = service.login(APP_1, "threads-reader");
        List<Tokens> binders = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < STALLED_BINDS; i++) {
            binders.add(service.login(APP_1, "threads-binder-" + i));
            codes.add(wx.phoneCode(APP_1, "threads-binder-" + i, "1390000010" + i));
        }
        long phoneCallsBefore = wx.calls(WeChatData.PHONE_API);
        service.sim().fault(Map.of("path", WeChatData.PHONE_API, "latencyMs", STALL_MS, "count", STALLED_BINDS));

        List<CompletableFuture<Http.Reply>> binds = new ArrayList<>();
        for (int i = 0; i < STALLED_BINDS; i++) {
            Tokens tokens = binders.get(i);
            String code = codes.get(i);
            binds.add(CompletableFuture.supplyAsync(() -> wx.bindPhone(tokens, Map.of("code", code)), clients));
        }
        answersOthersWhileAllAreStalled(
                service, wx, reader, binds, () -> wx.calls(WeChatData.PHONE_API) - phoneCallsBefore);

        for (int i = 0; i < STALLED_BINDS; i++) {
            Http.Reply bound = binds.get(i).get(60, TimeUnit.SECONDS);
            assertThat(bound.status()).as("bind %s", bound).isEqualTo(200);
            assertThat(bound.json().get("phoneNumber").asString()).isEqualTo("1390000010" + i);
        }
    }

    @Test
    void decryptionsWhoseKeyWeChatsChecksessionIsAskedAboutHoldNoRequestThreadWhileItStalls() throws Exception {
        TestService service = twoThreads.service();
        WeChatData wx = new WeChatData(service);
        SessionKeyData keys = new SessionKeyData(service);
        Tokens reader = service.login(APP_1, "threads-key-reader");
        List<Tokens> users = new ArrayList<>();
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < STALLED_BINDS; i++) {
            users.add(service.login(APP_1, "threads-key-" + i));
            // WeChat's key moves behind the service: the data opens under no stored key, so the service
            // asks WeChat's checksession about the one it has.
            keys.rotateBehindTheService(APP_1, "threads-key-" + i);
            data.add(WeChatData.cipherOnly(wx.openData(APP_1, "threads-key-" + i, Map.of("nickName", "K" + i))));
        }
        long checksBefore = keys.calls(SessionKeyData.CHECK_SESSION);
        service.sim()
                .fault(Map.of("path", SessionKeyData.CHECK_SESSION, "latencyMs", STALL_MS, "count", STALLED_BINDS));

        List<CompletableFuture<Http.Reply>> decrypts = new ArrayList<>();
        for (int i = 0; i < STALLED_BINDS; i++) {
            Tokens tokens = users.get(i);
            Map<String, Object> body = data.get(i);
            decrypts.add(CompletableFuture.supplyAsync(() -> wx.decrypt(tokens, body), clients));
        }
        answersOthersWhileAllAreStalled(
                service, wx, reader, decrypts, () -> keys.calls(SessionKeyData.CHECK_SESSION) - checksBefore);

        for (CompletableFuture<Http.Reply> decrypt : decrypts) {
            Http.Reply stale = decrypt.get(60, TimeUnit.SECONDS);
            assertThat(stale.status()).as("%s", stale).isEqualTo(409);
            assertThat(stale.json().get("code").asString()).isEqualTo("session_key_stale");
        }
    }

    /**
     * Waits until all {@code calls} have reached the platform ({@code reached} counts them), twice as many
     * as there are request threads, none answered yet; then the service must still answer a user's
     * {@code GET /v1/me} and the discovery document while every one of them waits there.
     */
    private static void answersOthersWhileAllAreStalled(
            TestService service,
            WeChatData wx,
            Tokens reader,
            List<CompletableFuture<Http.Reply>> calls,
            LongSupplier reached)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reached.getAsLong() < calls.size()) {
            assertThat(calls)
                    .as("no call ends before the last has reached the platform")
                    .noneMatch(f -> f.isDone());
            assertThat(System.nanoTime() - deadline)
                    .as("every call reached the platform within a minute")
                    .isNegative();
            Thread.sleep(20);
        }
        String me = wx.me(reader).get("id").asString();
        Http.Reply discovery = service.http().get("/.well-known/openid-configuration");
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(calls).as("answered while every call was still stalled").noneMatch(f -> f.isDone());
        assertThat(me).isEqualTo(reader.userId());
    }
}
