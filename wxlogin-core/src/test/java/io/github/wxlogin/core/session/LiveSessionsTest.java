package io.github.wxlogin.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.testing.FakeTicker;
import io.github.wxlogin.core.testing.RecordingSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant EXPIRES = START.plus(Duration.ofDays(30));
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(START);
    private final FakeTicker ticker = new FakeTicker();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingSessionStore recorded = new RecordingSessionStore(store);
    private final LiveSessions live = new LiveSessions(recorded, clock, SessionEnded.inProcess(), CACHE_FOR, ticker);

    @Test
    void aSessionIsLiveForItsOwnUserOnly() {
        store.put(session("s_1", "u_1", EXPIRES));

        assertThat(live.isLive("s_1", "u_1")).isTrue();
        assertThat(live.isLive("s_1", "u_2")).isFalse();
    }

    @Test
    void anUnknownSessionIsNotLive() {
        assertThat(live.isLive("s_nowhere", "u_1")).isFalse();
    }

    @Test
    void anEndedSessionIsNotLive() {
        store.put(session("s_1", "u_1", EXPIRES));
        store.end("s_1", START, "logout");

        assertThat(live.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void aSessionIsLiveUntilTheInstantItExpiresThoughItsRecordIsCached() {
        store.put(session("s_1", "u_1", EXPIRES));
        clock.set(EXPIRES.minusSeconds(1));
        assertThat(live.isLive("s_1", "u_1")).isTrue();

        clock.set(EXPIRES);

        assertThat(live.isLive("s_1", "u_1")).isFalse();
        assertThat(recorded.finds()).as("answered from the cached record").isEqualTo(1);
    }

    @Test
    void endForgetsACachedLiveAnswerAtOnce() {
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(live.isLive("s_1", "u_1")).isTrue();

        assertThat(live.end("s_1", "logout")).isTrue();

        assertThat(live.isLive("s_1", "u_1")).isFalse();
        assertThat(store.endReason("s_1")).contains("logout");
        assertThat(live.end("s_1", "logout")).as("ended once only").isFalse();
    }

    @Test
    void aSessionEndedInTheStoreStaysCachedAsLiveUntilAnnounced() {
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(live.isLive("s_1", "u_1")).isTrue();
        store.endAllOfUser("u_1", START, "user_disabled");

        assertThat(live.isLive("s_1", "u_1"))
                .as("not announced yet: the cache answers")
                .isTrue();

        live.announceEnded("s_1");

        assertThat(live.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void forgetDropsTheCachedRecord() {
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(live.isLive("s_1", "u_1")).isTrue();
        store.end("s_1", START, "elsewhere");

        live.forget("s_1");

        assertThat(live.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void whatIsPublishedOnTheChannelIsForgotten() {
        // The listener the instance subscribed is what the channel calls: a publish from anywhere
        // (another service sharing the in-process channel) makes this instance forget.
        SessionEnded channel = SessionEnded.inProcess();
        LiveSessions instance = new LiveSessions(store, clock, channel, CACHE_FOR, ticker);
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(instance.isLive("s_1", "u_1")).isTrue();
        store.end("s_1", START, "elsewhere");

        channel.publish("s_1");

        assertThat(instance.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void anEndOnOneInstanceIsForgottenByEveryInstanceOfAFanOutChannel() {
        FanOut channel = new FanOut();
        LiveSessions one = new LiveSessions(store, clock, channel, CACHE_FOR, ticker);
        LiveSessions two = new LiveSessions(store, clock, channel, CACHE_FOR, ticker);
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(one.isLive("s_1", "u_1")).isTrue();
        assertThat(two.isLive("s_1", "u_1")).isTrue();

        one.end("s_1", "logout");

        assertThat(two.isLive("s_1", "u_1")).isFalse();
        assertThat(one.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void twoInstancesOnOneInProcessChannelBothForgetAnEndedSession() {
        SessionEnded channel = SessionEnded.inProcess();
        LiveSessions one = new LiveSessions(store, clock, channel, CACHE_FOR, ticker);
        LiveSessions two = new LiveSessions(store, clock, channel, CACHE_FOR, ticker);
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(one.isLive("s_1", "u_1")).isTrue();
        assertThat(two.isLive("s_1", "u_1")).isTrue();

        one.end("s_1", "logout");

        assertThat(one.isLive("s_1", "u_1")).isFalse();
        assertThat(two.isLive("s_1", "u_1")).isFalse();
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinutePerSession() {
        store.put(session("s_1", "u_1", EXPIRES));
        store.put(session("s_2", "u_1", EXPIRES));

        live.isLive("s_1", "u_1");
        assertThat(recorded.touches("s_1")).isEqualTo(1);
        for (int i = 0; i < 59; i++) {
            clock.advance(Duration.ofSeconds(1));
            live.isLive("s_1", "u_1");
        }
        assertThat(recorded.touches("s_1")).as("59 seconds later").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        live.isLive("s_1", "u_1");
        live.isLive("s_1", "u_1");
        assertThat(recorded.touches("s_1")).as("a minute later").isEqualTo(2);
        assertThat(store.session("s_1").orElseThrow().lastUsedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));

        live.isLive("s_2", "u_1");
        assertThat(recorded.touches("s_2")).as("per session").isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        live.isLive("s_1", "u_1");
        assertThat(recorded.touches("s_1")).isEqualTo(3);
    }

    @Test
    void aSessionThatIsNotLiveIsNotTouched() {
        store.put(session("s_1", "u_1", EXPIRES));
        store.end("s_1", START, "logout");

        live.isLive("s_1", "u_1");
        live.isLive("s_1", "u_2");
        live.isLive("s_nowhere", "u_1");

        assertThat(recorded.touches("s_1")).isZero();
        assertThat(recorded.touches("s_nowhere")).isZero();
    }

    @Test
    void theCachedRecordIsReadAgainAfterTheConfiguredDuration() {
        store.put(session("s_1", "u_1", EXPIRES));
        assertThat(live.isLive("s_1", "u_1")).isTrue();
        store.end("s_1", START, "ended without announcing");

        ticker.advance(CACHE_FOR.minusNanos(1));
        assertThat(live.isLive("s_1", "u_1")).as("still cached").isTrue();
        assertThat(recorded.finds()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        assertThat(live.isLive("s_1", "u_1"))
                .as("cache expired, store read again")
                .isFalse();
        assertThat(recorded.finds()).isEqualTo(2);
    }

    @Test
    void anUnknownSessionIsRememberedAsUnknownForTheCacheDurationToo() {
        assertThat(live.isLive("s_later", "u_1")).isFalse();
        store.put(session("s_later", "u_1", EXPIRES));

        assertThat(live.isLive("s_later", "u_1")).isFalse();

        ticker.advance(CACHE_FOR);
        assertThat(live.isLive("s_later", "u_1")).isTrue();
    }

    @Test
    void newsThatMayHaveBeenMissedMakesEverySessionReadFromTheStoreAgain() {
        Gappy channel = new Gappy();
        LiveSessions instance = new LiveSessions(recorded, clock, channel, CACHE_FOR, ticker);
        store.put(session("s_1", "u_1", EXPIRES));
        store.put(session("s_2", "u_1", EXPIRES));
        assertThat(instance.isLive("s_1", "u_1")).isTrue();
        assertThat(instance.isLive("s_2", "u_1")).isTrue();
        // Ended on another instance while this one's subscription was down: the news never came.
        store.end("s_1", START, "logout");
        assertThat(instance.isLive("s_1", "u_1")).as("the cached record").isTrue();

        channel.backAfterAGap();

        assertThat(instance.isLive("s_1", "u_1")).isFalse();
        assertThat(instance.isLive("s_2", "u_1")).isTrue();
        assertThat(recorded.finds()).as("both read again").isEqualTo(4);
    }

    private static SessionRecord session(String id, String userId, Instant expiresAt) {
        return new SessionRecord(
                id,
                userId,
                "wx1234567890abcdef",
                START,
                expiresAt,
                START,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A shared channel whose subscription was down and is back, as Redis's is after a reconnect. */
    private static final class Gappy implements SessionEnded {
        private final List<Runnable> missed = new CopyOnWriteArrayList<>();

        void backAfterAGap() {
            missed.forEach(Runnable::run);
        }

        @Override
        public void publish(String sessionId) {}

        @Override
        public void subscribe(Consumer<String> listener) {}

        @Override
        public void onMissedNews(Runnable listener) {
            missed.add(listener);
        }
    }

    /** A channel that tells every subscribed instance, as a shared (Redis) one would. */
    private static final class FanOut implements SessionEnded {
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String sessionId) {
            listeners.forEach(l -> l.accept(sessionId));
        }

        @Override
        public void subscribe(Consumer<String> listener) {
            listeners.add(listener);
        }
    }
}
