package io.github.wxlogin.server.store;

import java.time.Instant;
import java.util.Optional;

/** Times are stored as epoch milliseconds: one form on every database. */
final class Millis {

    private Millis() {}

    static long of(Instant t) {
        return t.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> optional(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }
}
