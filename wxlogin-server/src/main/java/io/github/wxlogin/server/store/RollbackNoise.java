package io.github.wxlogin.server.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops the ERROR line, with its stack, that Spring's transaction support writes for every unit a
 * database restart cut off: the unit's statement or commit failed on the lost connection, and then so
 * did the rollback ("Application exception overridden by rollback exception", "Commit exception
 * overridden by rollback exception"). The service answers such a unit 503 and logs it once, at WARN
 * ({@link DatabaseFailures#unavailable}); Spring's line would say it again at ERROR for each unit in
 * flight, with the driver's messages, which may name the database's host. Only a failure that
 * {@link DatabaseFailures#unreachable} calls the database out of reach is dropped: any other failure
 * that a rollback could not follow (a bug, say) keeps Spring's ERROR line.
 */
public final class RollbackNoise extends TurboFilter {

    /** What {@code TransactionTemplate} and {@code AbstractPlatformTransactionManager} log (spring-tx 7). */
    static final Set<String> MESSAGES = Set.of(
            "Application exception overridden by rollback exception",
            "Commit exception overridden by rollback exception");

    private RollbackNoise() {}

    /**
     * Adds the filter to Logback's context, once: again after Spring Boot set the logging up anew (a
     * reset drops it). Returns the filter in place, or none where Logback is not the logging.
     */
    public static synchronized Optional<RollbackNoise> install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof RollbackNoise installed) {
                return Optional.of(installed);
            }
        }
        RollbackNoise filter = new RollbackNoise();
        filter.setName("wxlogin-rollback-noise");
        filter.start();
        context.addTurboFilter(filter);
        return Optional.of(filter);
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable failure) {
        if (level == Level.ERROR
                && failure != null
                && format != null
                && MESSAGES.contains(format)
                && logger.getName().startsWith("org.springframework.")
                && DatabaseFailures.unreachable(failure)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
