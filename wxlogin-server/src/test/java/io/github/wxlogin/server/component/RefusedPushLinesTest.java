package io.github.wxlogin.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RefusedPushLinesTest {

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aFloodOfRefusalsWritesOneLineAMinuteCarryingTheCountOfTheRest() {
        RefusedPushLines lines = new RefusedPushLines(clock);

        assertThat(lines.refused()).as("the first refusal is logged").isEqualTo(OptionalLong.of(0));
        for (int i = 0; i < 1000; i++) {
            now = now.plusMillis(50);
            assertThat(lines.refused()).as("within the minute: counted only").isEmpty();
        }
        now = now.plus(Duration.ofSeconds(11));

        assertThat(lines.refused())
                .as("a minute on: logged, with the 1,000 held back")
                .isEqualTo(OptionalLong.of(1000));
        assertThat(lines.refused()).isEmpty();
    }

    @Test
    void refusalsFarApartAreEachLogged() {
        RefusedPushLines lines = new RefusedPushLines(clock);

        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
        now = now.plus(RefusedPushLines.EVERY);
        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
        now = now.plus(Duration.ofHours(3));
        assertThat(lines.refused()).isEqualTo(OptionalLong.of(0));
    }
}
