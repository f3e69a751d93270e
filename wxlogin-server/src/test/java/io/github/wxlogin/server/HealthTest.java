package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What {@code /actuator/health} and its readiness group list: Redis only when it is configured
 * ({@code WXLOGIN_REDIS_URL}), and then as a member of readiness (the machine's Redis, database 7).
 */
class HealthTest {

    static final int REDIS_DB = 7;

    @TempDir
    Path dataDir;

    @BeforeEach
    void onceIsEnough() {
        TestDatabase.onlyInTheEmbeddedSuite("database-independent");
    }

    @Test
    void withoutRedisThereIsNoRedisComponentAndReadinessIsUp() {
        try (TestService service = TestService.dev(dataDir)) {
            JsonNode health = up(service, "/actuator/health");
            assertThat(components(health)).contains("db", "readinessState").doesNotContain("redis");

            JsonNode readiness = up(service, "/actuator/health/readiness");
            assertThat(components(readiness)).containsExactlyInAnyOrder("readinessState", "db");

            assertThat(service.http().get("/actuator/health/redis").status()).isEqualTo(404);
        }
    }

    @Test
    void withRedisItIsAComponentAndAMemberOfReadiness() {
        String redis = TestRedis.database(REDIS_DB);
        try (TestService service =
                TestService.start(dataDir, TestPorts.free(), Map.of("WXLOGIN_REDIS_URL", redis), true)) {
            JsonNode health = up(service, "/actuator/health");
            assertThat(health.get("components").get("redis").get("status").asString())
                    .isEqualTo("UP");

            JsonNode readiness = up(service, "/actuator/health/readiness");
            assertThat(components(readiness)).containsExactlyInAnyOrder("readinessState", "db", "redis");
            assertThat(readiness.get("components").get("redis").get("status").asString())
                    .isEqualTo("UP");
        }
    }

    private static JsonNode up(TestService service, String path) {
        Http.Reply reply = service.http().get(path);
        assertThat(reply.status()).as("%s: %s", path, reply).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("status").asString()).isEqualTo("UP");
        return body;
    }

    private static List<String> components(JsonNode health) {
        return Contract.fields(health.get("components"));
    }
}
