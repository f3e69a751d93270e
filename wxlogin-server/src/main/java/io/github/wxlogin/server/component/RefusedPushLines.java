package io.github.wxlogin.server.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How often a refused push may be logged: anyone can post to a component's event URL, so a WARN line per
 * refusal would let a stranger fill the log. One line per {@link #EVERY} at most; the refusals in between
 * are counted, and the count goes into the next line written.
 */
final class RefusedPushLines {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant nextLine = Instant.MIN;
    private long heldBack;

    RefusedPushLines(Clock clock) {
        this.clock = clock;
    }

    /**
     * A refusal: the number of refusals not logged since the last line when this one may be logged, or
     * empty when it is only counted.
     */
    synchronized OptionalLong refused() {
        Instant now = clock.instant();
        if (now.isBefore(nextLine)) {
            heldBack++;
            return OptionalLong.empty();
        }
        nextLine = now.plus(EVERY);
        long notLogged = heldBack;
        heldBack = 0;
        return OptionalLong.of(notLogged);
    }
}
