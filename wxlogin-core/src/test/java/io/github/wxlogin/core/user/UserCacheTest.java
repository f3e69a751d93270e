package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.testing.FakeTicker;
import io.github.wxlogin.core.testing.RecordingUserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserCacheTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";
    private static final long BYTES = 16L * 1024 * 1024;
    private static final Duration TTL = Duration.ofSeconds(60);

    private final FakeTicker ticker = new FakeTicker();
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final RecordingUserStore<InMemoryUserStore> recorded = new RecordingUserStore<>(store);
    private final UserCache cache = new UserCache(recorded, UserChanged.inProcess(), BYTES, TTL, ticker);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReader() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aSecondReadIsAnsweredWithoutTheStore() {
        Account alice = store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);

        assertThat(cache.findAccount("u_alice", APP)).contains(alice);
        assertThat(cache.findAccount("u_alice", APP)).contains(alice);

        assertThat(recorded.accountReads()).isEqualTo(1);
    }

    @Test
    void eachAppOfAUserIsReadOnceAndAllAreForgottenTogether() {
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        store.put(new Identity(OTHER_APP, "o_alice_2", "u_alice", Optional.empty()), T0);
        cache.findAccount("u_alice", APP);
        cache.findAccount("u_alice", OTHER_APP);
        cache.findAccount("u_alice", APP);
        cache.findAccount("u_alice", OTHER_APP);
        assertThat(recorded.accountReads()).isEqualTo(2);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        cache.announceChanged("u_alice");

        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
        assertThat(cache.findAccount("u_alice", OTHER_APP).orElseThrow().user().nickname())
                .contains("Alice");
        assertThat(recorded.accountReads()).isEqualTo(4);
    }

    @Test
    void aChangeNotAnnouncedStaysUnseenUntilTheTtlIsOver() {
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        cache.findAccount("u_alice", APP);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        ticker.advance(TTL.minusNanos(1));
        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .as("still the copy")
                .isEmpty();

        ticker.advance(Duration.ofNanos(1));
        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .as("read again")
                .contains("Alice");
        assertThat(recorded.accountReads()).isEqualTo(2);
    }

    @Test
    void anAppReadLaterDoesNotMakeTheEntryLiveLonger() {
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        store.put(new Identity(OTHER_APP, "o_alice_2", "u_alice", Optional.empty()), T0);
        cache.findAccount("u_alice", APP);
        ticker.advance(TTL.dividedBy(2));
        cache.findAccount("u_alice", OTHER_APP);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        ticker.advance(TTL.dividedBy(2));

        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
    }

    @Test
    void anUnknownAccountIsNotRemembered() {
        assertThat(cache.findAccount("u_later", APP)).isEmpty();
        Account later = store.putAccount("u_later", APP, "o_later", Optional.empty(), T0);

        assertThat(cache.findAccount("u_later", APP)).contains(later);
    }

    @Test
    void aReadOvertakenByAChangeDoesNotPutTheOldUserBack() throws Exception {
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        RecordingUserStore.Hold hold = recorded.holdNextAccountRead();
        Future<Optional<Account>> slow = reader.submit(() -> cache.findAccount("u_alice", APP));
        hold.awaitRead();

        // The change commits and is announced while the slow read holds the user as it was.
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);
        cache.announceChanged("u_alice");
        hold.release();

        assertThat(slow.get(10, TimeUnit.SECONDS).orElseThrow().user().nickname())
                .as("the slow read answers what it read")
                .isEmpty();
        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .as("but did not keep it")
                .contains("Alice");
        assertThat(recorded.accountReads())
                .as("the next read went to the store")
                .isEqualTo(2);
    }

    @Test
    void whatIsPublishedOnTheChannelIsForgotten() {
        UserChanged channel = UserChanged.inProcess();
        UserCache instance = new UserCache(recorded, channel, BYTES, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        instance.findAccount("u_alice", APP);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        channel.publish("u_alice");

        assertThat(instance.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
    }

    @Test
    void aChangeAnnouncedOnOneInstanceIsForgottenByEveryInstanceOfAFanOutChannel() {
        FanOut channel = new FanOut();
        UserCache one = new UserCache(recorded, channel, BYTES, TTL, ticker);
        UserCache two = new UserCache(recorded, channel, BYTES, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        one.findAccount("u_alice", APP);
        two.findAccount("u_alice", APP);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        one.announceChanged("u_alice");

        assertThat(two.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
        assertThat(one.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
    }

    @Test
    void anAnnouncementThatFailsIsLoggedNotThrownAndThisInstanceHasForgottenTheUser() {
        UserCache instance = new UserCache(recorded, new Unreachable(), BYTES, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        instance.findAccount("u_alice", APP);
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        assertThatCode(() -> instance.announceChanged("u_alice")).doesNotThrowAnyException();

        assertThat(instance.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
    }

    @Test
    void theEstimatedSizeOfTheCachedUsersStaysWithinTheBound() {
        long bound = 64 * 1024;
        UserCache small = new UserCache(recorded, UserChanged.inProcess(), bound, TTL, ticker);
        for (int i = 0; i < 1_000; i++) {
            String id = "u_" + i;
            store.putAccount(id, APP, "o_" + i, Optional.of("un_" + i), T0);
            store.updateProfile(
                    id, ProfileChange.of("\u7231\u4e3d\u4e1d " + i, "https://example.com/" + i + ".png"), T0);
            small.findAccount(id, APP);
        }

        long bytes = small.estimatedBytes();

        assertThat(bytes).isPositive().isLessThanOrEqualTo(bound);
        long oneEntry = CachedAccountSize.of(
                "u_999", Map.of(APP, store.findAccount("u_999", APP).orElseThrow()));
        assertThat(bytes / oneEntry).as("it holds some users, not all 1,000").isBetween(1L, 999L);
    }

    @Test
    void withNoBytesNothingIsKept() {
        UserCache none = new UserCache(recorded, UserChanged.inProcess(), 0, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        none.findAccount("u_alice", APP);

        assertThat(none.estimatedBytes()).isZero();
        none.findAccount("u_alice", APP);
        assertThat(recorded.accountReads()).isEqualTo(2);
    }

    @Test
    void anEntryWeighsAtLeastTheBytesItsTextIsStoredIn() {
        Account plain = store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        store.updateProfile("u_alice", ProfileChange.of(null, "https://example.com/" + "a".repeat(1000)), T0);
        Account latin1 = store.findAccount("u_alice", APP).orElseThrow();
        store.updateProfile("u_alice", ProfileChange.of("\u7231".repeat(64), null), T0);
        Account chinese = store.findAccount("u_alice", APP).orElseThrow();

        int none = CachedAccountSize.of("u_alice", Map.of(APP, plain));
        int withUrl = CachedAccountSize.of("u_alice", Map.of(APP, latin1));
        int withNickname = CachedAccountSize.of("u_alice", Map.of(APP, chinese));

        assertThat(withUrl - none).as("a byte a Latin-1 character").isGreaterThanOrEqualTo(1020);
        assertThat(withNickname - withUrl).as("two bytes a Chinese one").isGreaterThanOrEqualTo(2 * 64);
        assertThat(CachedAccountSize.of("u_alice", Map.of(APP, plain, OTHER_APP, plain)))
                .as("two apps weigh more than one")
                .isGreaterThan(none);
    }

    @Test
    void newsThatMayHaveBeenMissedMakesEveryUserReadFromTheStoreAgain() {
        Gappy channel = new Gappy();
        UserCache instance = new UserCache(recorded, channel, BYTES, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        store.putAccount("u_bob", APP, "o_bob", Optional.empty(), T0);
        instance.findAccount("u_alice", APP);
        instance.findAccount("u_bob", APP);
        // Changed on another instance while this one's subscription was down: the news never came.
        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);
        assertThat(instance.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .as("the copy")
                .isEmpty();

        channel.backAfterAGap();

        assertThat(instance.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
        instance.findAccount("u_bob", APP);
        assertThat(recorded.accountReads()).as("both read again").isEqualTo(4);
    }

    @Test
    void aReadUnderWayWhenNewsWasMissedDoesNotPutTheOldUserBack() throws Exception {
        Gappy channel = new Gappy();
        UserCache instance = new UserCache(recorded, channel, BYTES, TTL, ticker);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
        RecordingUserStore.Hold hold = recorded.holdNextAccountRead();
        Future<Optional<Account>> slow = reader.submit(() -> instance.findAccount("u_alice", APP));
        hold.awaitRead();

        store.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);
        channel.backAfterAGap();
        hold.release();

        assertThat(slow.get(10, TimeUnit.SECONDS).orElseThrow().user().nickname())
                .as("the slow read answers what it read")
                .isEmpty();
        assertThat(instance.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .as("but did not keep it")
                .contains("Alice");
    }

    /** A shared channel whose subscription was down and is back, as Redis's is after a reconnect. */
    private static final class Gappy implements UserChanged {
        private final List<Runnable> missed = new CopyOnWriteArrayList<>();

        void backAfterAGap() {
            missed.forEach(Runnable::run);
        }

        @Override
        public void publish(String userId) {}

        @Override
        public void subscribe(Consumer<String> listener) {}

        @Override
        public void onMissedNews(Runnable listener) {
            missed.add(listener);
        }
    }

    /** A channel that tells every subscribed instance, as a shared (Redis) one would. */
    private static final class FanOut implements UserChanged {
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String userId) {
            listeners.forEach(l -> l.accept(userId));
        }

        @Override
        public void subscribe(Consumer<String> listener) {
            listeners.add(listener);
        }
    }

    /** A channel whose publish fails, as the Redis one does when Redis is gone. */
    private static final class Unreachable implements UserChanged {
        @Override
        public void publish(String userId) {
            throw new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, "the service's shared state is unavailable");
        }

        @Override
        public void subscribe(Consumer<String> listener) {}
    }
}
