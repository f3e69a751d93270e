package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Refused admin calls are limited per client address (10 a minute by default): past the limit the
 * address is answered 429 {@code rate_limited} with Retry-After, the right credential included, while
 * other addresses go on; and a burst of refusals is one audit row and one WARN line, not one each.
 * Behind a trusted proxy (here: the test itself), each test speaks from its own address through
 * X-Forwarded-For. That a limited address is free again once its bucket refills, with the time moved
 * by hand, is {@code ratelimit.AdminRefusalsTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminRefusalLimitTest {

    static final String ADMIN_TOKEN = "adm-" + UUID.randomUUID();
    static final int DEFAULT_LIMIT = 10;

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.devWithAdmin(
                    ADMIN_TOKEN, "--wxlogin.trusted-proxies=127.0.0.1, ::1")
            .databaseIndependent();

    static Http.Reply usersFrom(Http http, String address, String credential) {
        return http.call(
                "GET",
                Admin.BASE + "/users?openid=o_nobody",
                null,
                null,
                "X-Forwarded-For",
                address,
                "Authorization",
                "Bearer " + credential);
    }

    static List<JsonNode> refusalsAuditedFrom(TestService service, String address) {
        return service.admin().allEvents(200).stream()
                .filter(e -> e.get("type").asString().equals("admin_access_refused"))
                .filter(e -> address.equals(e.get("clientIp").asString()))
                .toList();
    }

    @Test
    void refusedAdminCallsPastTheLimitAreRateLimitedWithRetryAfter() {
        String address = "203.0.113.10";
        for (int i = 0; i < DEFAULT_LIMIT; i++) {
            assertProblem(usersFrom(dev.http(), address, "wrong-" + i), 401, "invalid_token");
        }

        Http.Reply limited = usersFrom(dev.http(), address, "wrong-again");

        JsonNode problem = assertProblem(limited, 429, "rate_limited");
        assertRetryAfter(limited);
        assertThat(problem.get("detail").asString()).contains("too many refused admin calls");
        assertThat(dev.http().get("/actuator/prometheus").body())
                .containsPattern("wxlogin_rate_limit_refusals_total\\{limit=\"admin_refusals\"} [1-9]")
                .containsPattern("wxlogin_admin_refusals_total [1-9]");
    }

    @Test
    void aLimitedAddressIsRefusedEvenWithTheRightCredentialWhileOtherAddressesGetIn() {
        String limited = "203.0.113.11";
        assertThat(usersFrom(dev.http(), limited, ADMIN_TOKEN).status()).isEqualTo(200);
        for (int i = 0; i < DEFAULT_LIMIT; i++) {
            assertProblem(usersFrom(dev.http(), limited, "wrong-" + i), 401, "invalid_token");
        }

        Http.Reply right = usersFrom(dev.http(), limited, ADMIN_TOKEN);

        assertProblem(right, 429, "rate_limited");
        assertRetryAfter(right);
        assertThat(usersFrom(dev.http(), "203.0.113.12", ADMIN_TOKEN).status())
                .as("another address")
                .isEqualTo(200);
        assertThat(usersFrom(dev.http(), "203.0.113.12", "wrong").status())
                .as("another address has its own allowance")
                .isEqualTo(401);
    }

    @Test
    void callsWithTheRightCredentialAreNotCounted() {
        String address = "203.0.113.14";
        for (int i = 0; i < 3 * DEFAULT_LIMIT; i++) {
            assertThat(usersFrom(dev.http(), address, ADMIN_TOKEN).status()).isEqualTo(200);
        }

        assertProblem(usersFrom(dev.http(), address, "wrong"), 401, "invalid_token");
    }

    @Test
    void aBurstOfRefusalsIsOneAuditRowAndOneWarning(CapturedOutput output) {
        String address = "203.0.113.13";
        int burst = 25;
        int unauthorized = 0;
        for (int i = 0; i < burst; i++) {
            int status = usersFrom(dev.http(), address, "wrong-" + i).status();
            assertThat(status).isIn(401, 429);
            unauthorized += status == 401 ? 1 : 0;
        }

        assertThat(unauthorized).isEqualTo(DEFAULT_LIMIT);
        assertThat(refusalsAuditedFrom(dev.service(), address))
                .singleElement()
                .satisfies(e -> assertThat(e.get("detail").asString()).isEqualTo("GET /admin/v1/users"));
        assertThat(output.getAll()
                        .lines()
                        .filter(l -> l.contains("WARN") && l.contains("Admin access refused") && l.contains(address)))
                .hasSize(1)
                .allSatisfy(l -> assertThat(l).doesNotContain("wrong-"));
    }

    @Test
    void aFleetCountsRefusalsAndRecordsABurstOnceThroughRedis() throws IOException {
        String redis = TestRedis.database(9);
        Map<String, String> env = Map.of(
                "WXLOGIN_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "WXLOGIN_REDIS_URL",
                redis,
                "WXLOGIN_RATE_LIMIT_ADMIN_REFUSALS",
                "4",
                "WXLOGIN_TRUSTED_PROXIES",
                "127.0.0.1, ::1");
        Path dirA = Files.createTempDirectory("admin-fleet");
        Path dirB = Files.createTempDirectory("admin-fleet");
        try (TestService a = TestService.start(dirA, TestPorts.free(), env, true);
                TestService b = TestService.start(dirB, TestPorts.free(), env, true)) {
            String address = "198.51.100.20";
            assertProblem(usersFrom(a.http(), address, "wrong-1"), 401, "invalid_token");
            assertProblem(usersFrom(b.http(), address, "wrong-2"), 401, "invalid_token");
            assertProblem(usersFrom(a.http(), address, "wrong-3"), 401, "invalid_token");
            assertProblem(usersFrom(b.http(), address, "wrong-4"), 401, "invalid_token");

            assertProblem(usersFrom(a.http(), address, ADMIN_TOKEN), 429, "rate_limited");
            assertProblem(usersFrom(b.http(), address, ADMIN_TOKEN), 429, "rate_limited");
            // Each instance has a database of its own here: the burst is in one of them, once.
            assertThat(refusalsAuditedFrom(a, address).size()
                            + refusalsAuditedFrom(b, address).size())
                    .isEqualTo(1);
        } finally {
            TestFiles.deleteTree(dirA);
            TestFiles.deleteTree(dirB);
        }
    }
}
