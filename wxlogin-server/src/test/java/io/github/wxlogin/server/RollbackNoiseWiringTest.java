package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import io.github.wxlogin.server.store.RollbackNoise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service puts {@link RollbackNoise} on the root logger's appenders as it starts (what the filter
 * drops and keeps is {@code JdbcTransactionsLostConnectionTest}'s): taken off first, it is on each of
 * them again once a service is up.
 */
class RollbackNoiseWiringTest {

    @TempDir
    Path dir;

    @Test
    void theServiceFiltersSpringsRollbackLinesFromItsStart() {
        TestDatabase.onlyInTheEmbeddedSuite("the wiring is the same on every database");
        rootAppenders().forEach(RollbackNoiseWiringTest::takeOff);

        try (TestService service = TestService.dev(dir.resolve("data"))) {
            assertThat(service.http().get("/actuator/health").status()).isEqualTo(200);
            assertThat(rootAppenders())
                    .isNotEmpty()
                    .allSatisfy(appender -> assertThat(appender.getCopyOfAttachedFiltersList())
                            .filteredOn(RollbackNoise.class::isInstance)
                            .hasSize(1));
        }
    }

    private static List<Appender<ILoggingEvent>> rootAppenders() {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders()
                .forEachRemaining(appenders::add);
        return appenders;
    }

    /** Logback has no way to take one filter off: all are taken off and the others put back. */
    private static void takeOff(Appender<ILoggingEvent> appender) {
        List<Filter<ILoggingEvent>> filters = appender.getCopyOfAttachedFiltersList();
        appender.clearAllFilters();
        filters.stream().filter(f -> !(f instanceof RollbackNoise)).forEach(appender::addFilter);
    }
}
