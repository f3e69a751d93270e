package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.github.wxlogin.server.store.RollbackNoise;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service puts {@link RollbackNoise} in Logback's way as it starts (what the filter drops and keeps
 * is {@code JdbcTransactionsLostConnectionTest}'s): taken out first, it is there again once a service is up.
 */
class RollbackNoiseWiringTest {

    @TempDir
    Path dir;

    @Test
    void theServiceFiltersSpringsRollbackLinesFromItsStart() {
        TestDatabase.onlyInTheEmbeddedSuite("the wiring is the same on every database");
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getTurboFilterList().removeIf(RollbackNoise.class::isInstance);

        try (TestService service = TestService.dev(dir.resolve("data"))) {
            assertThat(service.http().get("/actuator/health").status()).isEqualTo(200);
            assertThat(logging.getTurboFilterList())
                    .filteredOn(RollbackNoise.class::isInstance)
                    .hasSize(1);
        }
    }
}
