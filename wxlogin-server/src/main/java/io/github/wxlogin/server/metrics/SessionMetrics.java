package io.github.wxlogin.server.metrics;

import io.github.wxlogin.core.session.SessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code wxlogin.sessions.live}: sessions neither ended nor expired, of all users. One count query
 * at most every 5 minutes however often it is scraped: the count reads every live session (about a
 * second at 1,000,000 of them on SQLite, whose one connection the logins wait for meanwhile, and a
 * full scan on PostgreSQL, measured by wxlogin-bench/scripts/growth.sh's data), so its cost grows with
 * the data while a login's does not; in a fleet every instance reports the same
 * database-wide number (take the max, not the sum).
 */
@Configuration(proxyBeanMethods = false)
class SessionMetrics {

    private static final Logger log = LoggerFactory.getLogger(SessionMetrics.class);
    static final Duration FRESH_FOR = Duration.ofMinutes(5);

    /** The last count and when it was taken. */
    static final class LiveCount {
        private final SessionStore sessions;
        private final Clock clock;
        private Instant at = Instant.MIN;
        private double value = Double.NaN;

        LiveCount(SessionStore sessions, Clock clock) {
            this.sessions = sessions;
            this.clock = clock;
        }

        synchronized double get() {
            Instant now = clock.instant();
            if (Duration.between(at, now).compareTo(FRESH_FOR) >= 0) {
                try {
                    value = sessions.countLive(now);
                    at = now;
                } catch (RuntimeException e) {
                    // Not remembered: the next scrape tries again.
                    log.warn("Could not count live sessions ({})", e.getClass().getSimpleName());
                    value = Double.NaN;
                }
            }
            return value;
        }
    }

    @Bean
    MeterBinder liveSessionsGauge(SessionStore sessions, Clock clock) {
        LiveCount count = new LiveCount(sessions, clock);
        return registry -> Gauge.builder("wxlogin.sessions.live", count, LiveCount::get)
                .description("Sessions that have neither ended nor expired (database-wide)")
                .register(registry);
    }
}
