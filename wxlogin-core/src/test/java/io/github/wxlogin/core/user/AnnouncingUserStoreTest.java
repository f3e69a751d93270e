package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.testing.FakeTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which writes announce a changed user, and when: after the commit of the unit they are part of. */
class AnnouncingUserStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx1111111111111111";
    private static final String OTHER_APP = "wx2222222222222222";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final UserChanged channel = UserChanged.inProcess();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final OpenUnit unit = new OpenUnit();
    private final UserCache cache =
            new UserCache(store, channel, 1024 * 1024, Duration.ofSeconds(60), new FakeTicker());
    private final AnnouncingUserStore users = new AnnouncingUserStore(store, store, cache, unit);

    @BeforeEach
    void listen() {
        channel.subscribe(heard::add);
        store.putAccount("u_alice", APP, "o_alice", Optional.empty(), T0);
    }

    @Test
    void aChangeIsAnnouncedOnlyOnceItsUnitHasCommitted() {
        cache.findAccount("u_alice", APP);

        users.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);

        assertThat(heard).as("not before the commit").isEmpty();
        unit.commit();
        assertThat(heard).containsExactly("u_alice");
        assertThat(cache.findAccount("u_alice", APP).orElseThrow().user().nickname())
                .contains("Alice");
    }

    @Test
    void everyWriteThatChangesAUserIsAnnounced() {
        users.updateProfile("u_alice", ProfileChange.of("Alice", null), T0);
        users.setDisabled("u_alice", true, T0);
        users.bind("u_alice", "13800138000", "86", T0);
        unit.commit();

        assertThat(heard).containsExactly("u_alice", "u_alice", "u_alice");
    }

    @Test
    void writesThatChangeNothingAreNotAnnounced() {
        store.putAccount("u_bob", APP, "o_bob", Optional.empty(), T0);
        store.bind("u_bob", "13800138000", "86", T0);

        users.updateProfile("u_nobody", ProfileChange.of("Nobody", null), T0);
        users.setDisabled("u_nobody", true, T0);
        users.bind("u_alice", "13800138000", "86", T0);
        unit.commit();

        assertThat(heard).isEmpty();
    }

    @Test
    void aLoginIsAnnouncedOnlyWhenItChangedTheIdentitiesOfAUserThatExisted() {
        users.recordLogin(claim(APP, Optional.empty(), "o_carol", Optional.empty(), "u_carol"), T0);
        users.recordLogin(claim(APP, Optional.empty(), "o_carol", Optional.empty(), "u_x"), T0);
        users.recordLogin(claim(APP, Optional.empty(), "o_carol", Optional.of("un_carol"), "u_y"), T0);
        users.recordLogin(claim(APP, Optional.of("g"), "o_dan", Optional.of("un_dan"), "u_dan"), T0);
        users.recordLogin(claim(OTHER_APP, Optional.of("g"), "o_dan_2", Optional.of("un_dan"), "u_z"), T0);
        unit.commit();

        assertThat(heard).containsExactly("u_carol", "u_dan");
    }

    private static IdentityClaim claim(
            String appId, Optional<String> group, String openid, Optional<String> unionid, String newUserId) {
        return new IdentityClaim(appId, group, openid, unionid, "sealed_" + openid, "fp_" + openid, newUserId);
    }

    /** One open unit of work: its after-commit actions wait for {@link #commit}. */
    private static final class OpenUnit implements Transactions {
        private final List<Runnable> afterCommit = new ArrayList<>();

        @Override
        public <T> T inOne(Supplier<T> work) {
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        void commit() {
            afterCommit.forEach(Runnable::run);
            afterCommit.clear();
        }
    }
}
