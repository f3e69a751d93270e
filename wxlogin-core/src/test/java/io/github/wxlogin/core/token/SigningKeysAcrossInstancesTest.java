package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.util.Base64URL;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Two instances over one key store, as a fleet over one database: a key one of them makes is signed
 * with, published and verified by the other at once, whether the news of it arrives or not, and the
 * store is read a bounded number of times whatever tokens arrive.
 */
class SigningKeysAcrossInstancesTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final TokenSettings SETTINGS = TokenSettings.defaults("https://login.example.test");
    private static final SessionRecord SESSION = new SessionRecord(
            "s_1",
            "u_1",
            "wx1234567890abcdef",
            START,
            START.plus(Duration.ofDays(30)),
            START,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    private final MutableClock clock = new MutableClock(START);
    private final Ids ids = new Ids();
    private final byte[] masterKey = randomKey();
    private final InMemorySigningKeyStore shared = new InMemorySigningKeyStore();
    private final Channel channel = new Channel();
    private final SigningKeys a = SigningKeys.loadOrCreate(shared, new SecretBox(masterKey), clock, ids, channel);
    private final CountingStore bStore = new CountingStore(shared);
    private final SigningKeys b =
            SigningKeys.loadOrCreate(bStore, new SecretBox(masterKey.clone()), clock, ids, channel);
    private final TokenIssuer issuerA = new TokenIssuer(a, SETTINGS, clock, ids);
    private final TokenVerifier verifierB = new TokenVerifier(b, SETTINGS, clock);

    @Test
    void aKeyRotatedOnOneInstanceIsSignedWithPublishedAndVerifiedByTheOtherAtOnce() {
        String first = b.current().getKeyID();
        int before = bStore.reads();

        String second = a.rotate();

        assertThat(jwksKids(b)).containsExactly(second, first);
        assertThat(b.current().getKeyID()).as("B signs with it").isEqualTo(second);
        assertThat(verifierB.verify(issuerA.issue(SESSION).value()).keyId()).isEqualTo(second);
        assertThat(bStore.reads() - before)
                .as("one read, at B's first use after the news")
                .isEqualTo(1);
    }

    @Test
    void anInstanceDoesNotReadTheKeysAgainOnNewsOfAKeyItHas() {
        String second = a.rotate();
        b.current();
        int reads = bStore.reads();

        channel.publish(second);
        b.current();
        b.publicJwks();

        assertThat(bStore.reads()).isEqualTo(reads);
    }

    @Test
    void anInstanceThatMissedTheNewsPublishesTheNewKeyWithinASecond() {
        String first = b.current().getKeyID();
        int before = bStore.reads();
        channel.down = true;
        String second = a.rotate();

        assertThat(jwksKids(b)).as("read when B started, this instant").containsExactly(first);
        assertThat(jwksKids(b)).containsExactly(first);
        assertThat(bStore.reads() - before)
                .as("no read for a JWKS answered within the second")
                .isZero();

        clock.advance(Duration.ofSeconds(1));

        assertThat(jwksKids(b)).containsExactly(second, first);
        assertThat(jwksKids(b)).containsExactly(second, first);
        assertThat(bStore.reads() - before).isEqualTo(1);
    }

    @Test
    void aTokenOfAKeyTheInstanceHasNotHeardOfVerifiesAtOnce() {
        channel.down = true;
        String second = a.rotate();

        assertThat(verifierB.verify(issuerA.issue(SESSION).value()).keyId()).isEqualTo(second);
        assertThat(b.current().getKeyID()).as("B signs with it from then on").isEqualTo(second);
    }

    @Test
    void aFloodOfUnknownKeyIdsReadsTheStoreOnceASecond() {
        String genuine = issuerA.issue(SESSION).value();
        int before = bStore.reads();

        for (int i = 0; i < 200; i++) {
            assertRefused(withKid(genuine, ids.randomText(12)));
        }

        assertThat(bStore.reads() - before).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(withKid(genuine, ids.randomText(12)));
        assertThat(bStore.reads() - before).isEqualTo(2);
        // The flood has spent this second's read; a real rotation is still known at once, by its news.
        String second = a.rotate();
        assertThat(verifierB.verify(issuerA.issue(SESSION).value()).keyId()).isEqualTo(second);
    }

    @Test
    void newsMissedWhileTheChannelWasDownIsMadeUpForWhenItIsBack() {
        String first = b.current().getKeyID();
        channel.down = true;
        String second = a.rotate();
        assertThat(b.current().getKeyID()).as("nothing heard").isEqualTo(first);

        channel.backAfterAGap();

        assertThat(b.current().getKeyID()).isEqualTo(second);
        assertThat(jwksKids(b)).containsExactly(second, first);
    }

    @Test
    void aReadAfterTheNewsThatFailsKeepsTheKeysInHandAndIsTriedAgainASecondLater() {
        String first = b.current().getKeyID();
        bStore.failing = true;
        String second = a.rotate();

        assertThat(b.current().getKeyID()).as("the keys in hand, no error").isEqualTo(first);
        assertThat(jwksKids(b)).containsExactly(first);
        int reads = bStore.reads();
        bStore.failing = false;
        assertThat(b.current().getKeyID()).as("not again within the second").isEqualTo(first);
        assertThat(bStore.reads()).isEqualTo(reads);

        clock.advance(Duration.ofSeconds(1));

        assertThat(b.current().getKeyID()).isEqualTo(second);
    }

    @Test
    void aRotationWhoseNewsCannotBeSentStillMakesTheNewKeyCurrent() {
        channel.unreachable = true;

        String second = a.rotate();

        assertThat(a.current().getKeyID()).isEqualTo(second);
        assertThat(shared.listActive().get(0).kid()).isEqualTo(second);
    }

    @SuppressWarnings("unchecked")
    private static List<String> jwksKids(SigningKeys keys) {
        return ((List<Map<String, Object>>) keys.publicJwks().get("keys"))
                .stream().map(k -> (String) k.get("kid")).toList();
    }

    /** The token with its header's kid replaced: a key B cannot know. */
    private static String withKid(String token, String kid) {
        String header = Base64URL.encode("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .toString();
        return header + token.substring(token.indexOf('.'));
    }

    private void assertRefused(String token) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> verifierB.verify(token));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** One channel shared by the instances, as Redis's is; while down, what is published is lost. */
    private static final class Channel implements SigningKeysChanged {
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
        private final List<Runnable> missed = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile boolean unreachable;

        void backAfterAGap() {
            down = false;
            missed.forEach(Runnable::run);
        }

        @Override
        public void publish(String kid) {
            if (unreachable) {
                throw new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, "the service's shared state is unavailable");
            }
            if (!down) {
                listeners.forEach(l -> l.accept(kid));
            }
        }

        @Override
        public void subscribe(Consumer<String> listener) {
            listeners.add(listener);
        }

        @Override
        public void onMissedNews(Runnable listener) {
            missed.add(listener);
        }
    }

    /** A store that counts the listings of active keys, and can fail them as an unreachable database does. */
    private static final class CountingStore implements SigningKeyStore {
        private final SigningKeyStore store;
        private final AtomicInteger reads = new AtomicInteger();
        volatile boolean failing;

        CountingStore(SigningKeyStore store) {
            this.store = store;
        }

        int reads() {
            return reads.get();
        }

        @Override
        public List<StoredSigningKey> listActive() {
            if (failing) {
                throw new IllegalStateException("the database is unreachable");
            }
            reads.incrementAndGet();
            return store.listActive();
        }

        @Override
        public void insert(StoredSigningKey key) {
            store.insert(key);
        }

        @Override
        public boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
            return store.insertIfNewest(expectedNewestKid, key);
        }

        @Override
        public void retire(String kid, Instant at) {
            store.retire(kid, at);
        }
    }
}
