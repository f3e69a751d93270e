package io.github.wxlogin.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RefusedPushLinesTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T10:00:00Z");

    @Test
    void aFloodOfRefusalsWritesOneLineAMinuteCarryingTheCountOfTheRest() {
        RefusedPushLines lines = new RefusedPushLines(clock);

        assertThat(lines.refused()).as("the first refusal is logged").isEqualTo(OptionalLong.of(0));
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(50));
            assertThat(lines.refused()).as("within the minute: counted only").isEmpty();
        }
        clock.advance(Duration.ofSeconds(11));

        assertThat(lines.refused())
                .as("a minute on: logged, with the 1,000 held back")
                .isEqualTo(OptionalLong.of(1000));
        assertThat(lines.refused()).isEmpty();
    }

    @Test
    void refusalsFarApartAreEachLogged() {
        RefusedPushLines lines = new RefusedPushLines(clock);

        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
        clock.advance(RefusedPushLines.EVERY);
        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
        clock.advance(Duration.ofHours(3));
        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
    }
}
