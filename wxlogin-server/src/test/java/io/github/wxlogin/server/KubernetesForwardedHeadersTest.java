package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * In a Kubernetes pod ({@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT} in the
 * process environment) Spring Boot would switch on Tomcat's own proxy-header handling, which believes
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} from any private address,
 * before wxlogin's own rule. The service turns it off: there too, {@code WXLOGIN_TRUSTED_PROXIES} is the
 * only way a forwarded address is believed, and no forwarded host or scheme changes a URL it writes.
 */
class KubernetesForwardedHeadersTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();

    /** What a client sends to pass for another address, host and scheme. */
    static final String[] FORGED = {
        "X-Forwarded-For", "203.0.113.66",
        "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "evil.example",
        "X-Forwarded-Port", "8443"
    };

    @TempDir
    Path dataDir;

    @BeforeEach
    void onceIsEnough() {
        TestDatabase.onlyInTheEmbeddedSuite("database-independent");
    }

    /** Dev mode as a pod sees it, with the admin API on (to read the audit log) and these settings. */
    private TestService inAPod(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        env.put("KUBERNETES_SERVICE_PORT", "443");
        env.put("WXLOGIN_ADMIN_TOKEN", ADMIN_TOKEN);
        return TestService.devInProcessEnvironment(dataDir, env, args);
    }

    @Test
    void aForgedForwardedForChangesNeitherTheRateLimitKeyNorTheAuditedAddress() throws Exception {
        try (TestService pod = inAPod("--wxlogin.rate-limit.per-ip=2", "--wxlogin.rate-limit.window=1m")) {
            Tokens plain = pod.login(APP_1, "k8s-plain");
            Tokens forged = pod.login(APP_1, "k8s-forged", FORGED);

            Map<String, String> addresses = loginAddresses(pod);
            assertThat(addresses.get(plain.userId())).isNotNull();
            assertThat(addresses.get(forged.userId()))
                    .as("the audit log records the connection's address")
                    .isEqualTo(addresses.get(plain.userId()));
            assertThat(forged.jwt().getJWTClaimsSet().getIssuer())
                    .as("the issuer is the configured one")
                    .isEqualTo(pod.baseUrl());

            String[] otherForgery = FORGED.clone();
            otherForgery[1] = "198.51.100.77";
            assertProblem(
                    pod.http().login(APP_1, pod.sim().code(APP_1, "k8s-third"), otherForgery), 429, "rate_limited");
        }
    }

    @Test
    void aForgedHostOrSchemeChangesNoUrlTheServiceWrites() {
        try (TestService pod = inAPod()) {
            JsonNode discovery =
                    pod.http().get("/.well-known/openid-configuration", FORGED).json();
            assertThat(discovery.get("issuer").asString()).isEqualTo(pod.baseUrl());
            assertThat(discovery.get("jwks_uri").asString()).isEqualTo(pod.baseUrl() + "/.well-known/jwks.json");

            // The actuator's index writes absolute links from the request it is answering.
            Http.Reply links = pod.http().get("/actuator", FORGED);
            assertThat(links.status()).isEqualTo(200);
            List<String> hrefs = new ArrayList<>();
            links.json()
                    .get("_links")
                    .forEach(link -> hrefs.add(link.get("href").asString()));
            assertThat(hrefs).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith(pod.baseUrl() + "/actuator"));
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsStillFound() {
        try (TestService pod = inAPod(
                "--wxlogin.rate-limit.per-ip=1",
                "--wxlogin.rate-limit.window=1m",
                "--wxlogin.trusted-proxies=127.0.0.1, ::1")) {
            Tokens first = pod.login(APP_1, "k8s-client-a", "X-Forwarded-For", "203.0.113.7");
            assertThat(pod.http()
                            .login(APP_1, pod.sim().code(APP_1, "k8s-client-b"), "X-Forwarded-For", "203.0.113.8")
                            .status())
                    .as("another client has its own allowance")
                    .isEqualTo(200);
            assertProblem(
                    pod.http().login(APP_1, pod.sim().code(APP_1, "k8s-client-a2"), "X-Forwarded-For", "203.0.113.7"),
                    429,
                    "rate_limited");

            assertThat(loginAddresses(pod).get(first.userId())).isEqualTo("203.0.113.7");
        }
    }

    /** The client address of each user's {@code login} event in the audit log. */
    private static Map<String, String> loginAddresses(TestService pod) {
        Map<String, String> byUser = new HashMap<>();
        for (JsonNode event : pod.admin().allEvents(100)) {
            if (event.get("type").asString().equals("login")) {
                byUser.put(event.get("userId").asString(), event.get("clientIp").asString());
            }
        }
        return byUser;
    }
}
