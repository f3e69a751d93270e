package io.github.wxlogin.server.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times in answers: ISO-8601 UTC in whole seconds, as the contract shows them. */
public final class IsoTimes {

    private IsoTimes() {}

    public static String of(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
