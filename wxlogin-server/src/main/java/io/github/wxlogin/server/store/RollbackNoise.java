package io.github.wxlogin.server.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Drops the ERROR line, with its stack, that Spring's transaction support writes for every unit a
 * database restart cut off: the unit's statement or commit failed on the lost connection, and then so
 * did the rollback ("Application exception overridden by rollback exception", "Commit exception
 * overridden by rollback exception"). The service answers such a unit 503 and logs it at WARN
 * ({@link DatabaseFailures#unavailable}); Spring's line would say it again at ERROR for each unit in
 * flight, with the driver's messages, which may name the database's host. Only a failure that
 * {@link DatabaseFailures#unreachable} calls the database out of reach is dropped: any other failure
 * that a rollback could not follow (a bug, say) keeps Spring's ERROR line.
 *
 * <p>A filter of the root logger's appenders, so it reads only the lines that are written, not every
 * level check of every logger as a Logback turbo filter would.
 */
public final class RollbackNoise extends Filter<ILoggingEvent> {

    /** What {@code TransactionTemplate} and {@code AbstractPlatformTransactionManager} log (spring-tx 7). */
    static final Set<String> MESSAGES = Set.of(
            "Application exception overridden by rollback exception",
            "Commit exception overridden by rollback exception");

    private RollbackNoise() {}

    /**
     * Puts the filter on each appender of Logback's root logger that has none yet; returns how many
     * appenders have it. None where Logback is not the logging.
     */
    public static synchronized int install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0;
        }
        int filtered = 0;
        for (Iterator<Appender<ILoggingEvent>> it =
                        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
                it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender.getCopyOfAttachedFiltersList().stream().noneMatch(RollbackNoise.class::isInstance)) {
                RollbackNoise filter = new RollbackNoise();
                filter.setName("wxlogin-rollback-noise");
                filter.start();
                appender.addFilter(filter);
            }
            filtered++;
        }
        return filtered;
    }

    @Override
    public FilterReply decide(ILoggingEvent line) {
        if (line.getLevel() == Level.ERROR
                && MESSAGES.contains(line.getMessage())
                && line.getLoggerName().startsWith("org.springframework.")
                && line.getThrowableProxy() instanceof ThrowableProxy failure
                && DatabaseFailures.unreachable(failure.getThrowable())) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
