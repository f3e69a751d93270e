package io.github.wxlogin.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static PlatformHttpSettings settings(Duration connectTimeout) {
        return new PlatformHttpSettings(
                URI.create("http://127.0.0.1:1"),
                connectTimeout,
                Duration.ofSeconds(5),
                1,
                Duration.ZERO,
                Duration.ofSeconds(5));
    }

    @Test
    void everyPlatformWithTheSameConnectTimeoutSharesOneClientWithThePoolAsItsExecutor() {
        HttpClient one = settings(Duration.ofSeconds(3)).httpClient();
        HttpClient other = settings(Duration.ofSeconds(3)).httpClient();

        assertThat(other).isSameAs(one);
        assertThat(one.executor()).isPresent();
        assertThat(one.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(one.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(one.connectTimeout()).contains(Duration.ofSeconds(3));
        assertThat(settings(Duration.ofSeconds(4)).httpClient()).isNotSameAs(one);
    }

    @Test
    void callsInFlightTakeNoThreadEachOnlyTheFixedPool() throws Exception {
        HttpClient http = settings(Duration.ofSeconds(2)).httpClient();
        // Other tests' clients in this JVM may have left worker threads of their own: only new ones count.
        Set<String> before = threadNames();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        Set<String> names = threadNames();
        names.removeAll(before);
        // The JDK's own executor would have started a worker per call in flight.
        assertThat(names).noneMatch(name -> name.startsWith("HttpClient-") && name.contains("-Worker-"));
        assertThat(threadNames().stream().filter(name -> name.startsWith("wxlogin-platform-http-")))
                .hasSizeLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
