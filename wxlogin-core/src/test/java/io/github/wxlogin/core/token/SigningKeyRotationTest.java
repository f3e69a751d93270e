package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.AccessGuard;
import io.github.wxlogin.core.session.InMemorySessionStore;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.testing.FakeTicker;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeyRotationTest {

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
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final SigningKeys keys = SigningKeys.loadOrCreate(store, new SecretBox(masterKey), clock, ids);
    private final TokenIssuer issuer = new TokenIssuer(keys, SETTINGS, clock, ids);
    private final TokenVerifier verifier = new TokenVerifier(keys, SETTINGS, clock);
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final AccessGuard guard = new AccessGuard(
            verifier,
            keys,
            new LiveSessions(sessions, clock, SessionEnded.inProcess(), Duration.ofSeconds(30), new FakeTicker()),
            clock);

    SigningKeyRotationTest() {
        sessions.put(SESSION);
    }

    @Test
    void afterARotationTheNewKeySignsAndThePreviousOneStillVerifies() {
        String first = keys.current().getKeyID();
        String before = issuer.issue(SESSION).value();

        String second = keys.rotate();

        assertThat(second).isNotEqualTo(first);
        assertThat(keys.current().getKeyID()).isEqualTo(second);
        assertThat(verifier.verify(issuer.issue(SESSION).value()).keyId()).isEqualTo(second);
        assertThat(verifier.verify(before).keyId()).isEqualTo(first);
        assertThat(guard.authenticate(before).keyId()).isEqualTo(first);
        assertThat(retiredKids()).isEmpty();
        assertThat((List<?>) keys.publicJwks().get("keys")).hasSize(2);
    }

    @Test
    void aSecondRotationRetiresTheFirstKeyAndItsTokensAreRefused() {
        String first = keys.current().getKeyID();
        String signedByFirst = issuer.issue(SESSION).value();
        keys.rotate();

        keys.rotate();

        assertThat(retiredKids()).containsExactly(first);
        assertThat(store.all())
                .filteredOn(k -> k.kid().equals(first))
                .singleElement()
                .satisfies(k -> assertThat(k.retiredAt()).contains(clock.instant()));
        assertThat(store.listActive()).hasSize(2).noneMatch(k -> k.kid().equals(first));
        assertThat(keys.verificationKey(first)).isEmpty();
        assertRefused(() -> verifier.verify(signedByFirst));
        assertRefused(() -> guard.authenticate(signedByFirst));
    }

    @Test
    void aTokenAcceptedAndCachedByTheGuardIsRefusedOnceItsKeyRetires() {
        String signedByFirst = issuer.issue(SESSION).value();
        assertThat(guard.authenticate(signedByFirst).sessionId()).isEqualTo("s_1");
        keys.rotate();
        assertThat(guard.authenticate(signedByFirst).sessionId())
                .as("the previous key")
                .isEqualTo("s_1");

        keys.rotate();

        assertRefused(() -> guard.authenticate(signedByFirst));
    }

    @Test
    void aTokenOfTheKeyBeforeTheCurrentStillPassesTheGuardAfterTwoRotations() {
        keys.rotate();
        String signedBySecond = issuer.issue(SESSION).value();

        keys.rotate();

        assertThat(guard.authenticate(signedBySecond).sessionId()).isEqualTo("s_1");
    }

    @Test
    void rotateIfOlderThanRotatesOnlyOnceTheKeyIsOldEnough() {
        Duration maxAge = Duration.ofDays(30);
        String first = keys.current().getKeyID();

        clock.set(START.plus(maxAge).minusSeconds(1));
        assertThat(keys.rotateIfOlderThan(maxAge)).isFalse();
        assertThat(keys.current().getKeyID()).isEqualTo(first);
        assertThat(store.all()).hasSize(1);

        clock.set(START.plus(maxAge).plusSeconds(1));
        assertThat(keys.rotateIfOlderThan(maxAge)).isTrue();
        assertThat(keys.current().getKeyID()).isNotEqualTo(first);
        assertThat(store.all()).hasSize(2);

        assertThat(keys.rotateIfOlderThan(maxAge)).as("the new key is young").isFalse();
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void rotateIfOlderThanPicksUpARotationByAnotherInstanceInsteadOfRotatingAgain() {
        SigningKeys other = SigningKeys.loadOrCreate(store, new SecretBox(masterKey.clone()), clock, ids);
        clock.advance(Duration.ofDays(31));
        String rotatedElsewhere = other.rotate();

        assertThat(keys.rotateIfOlderThan(Duration.ofDays(30))).isFalse();

        assertThat(keys.current().getKeyID()).isEqualTo(rotatedElsewhere);
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void twoInstancesCheckingAtOnceRotateOnceAndLiveTokensKeepVerifying() {
        clock.advance(Duration.ofDays(31));
        String signedByFirst = issuer.issue(SESSION).value();
        SigningKeys other = SigningKeys.loadOrCreate(store, new SecretBox(masterKey.clone()), clock, ids);
        RacingStore racing = new RacingStore(store);
        SigningKeys instanceA = SigningKeys.loadOrCreate(racing, new SecretBox(masterKey.clone()), clock, ids);
        // Instance A's check reads the key's age; right then instance B runs its own check, and rotates.
        racing.onSecondListing(
                () -> assertThat(other.rotateIfOlderThan(Duration.ofDays(30))).isTrue());

        instanceA.rotateIfOlderThan(Duration.ofDays(30));

        SigningKeys anyInstance = SigningKeys.loadOrCreate(store, new SecretBox(masterKey.clone()), clock, ids);
        assertThat(store.all()).as("one rotation for one old key").hasSize(2);
        assertThat(retiredKids()).isEmpty();
        assertThat(new TokenVerifier(anyInstance, SETTINGS, clock)
                        .verify(signedByFirst)
                        .sessionId())
                .isEqualTo("s_1");
    }

    /** Delegates to a store, and runs an action after the second listing once armed. */
    private static final class RacingStore implements SigningKeyStore {
        private final SigningKeyStore store;
        private Runnable action;
        private int lists;

        RacingStore(SigningKeyStore store) {
            this.store = store;
        }

        void onSecondListing(Runnable action) {
            this.action = action;
            this.lists = 0;
        }

        @Override
        public List<StoredSigningKey> listActive() {
            List<StoredSigningKey> active = store.listActive();
            if (action != null && ++lists == 2) {
                action.run();
            }
            return active;
        }

        @Override
        public void insert(StoredSigningKey key) {
            store.insert(key);
        }

        @Override
        public void retire(String kid, Instant at) {
            store.retire(kid, at);
        }

        @Override
        public boolean insertIfNewest(String expectedNewestKid, StoredSigningKey key) {
            return store.insertIfNewest(expectedNewestKid, key);
        }
    }

    /** The kids of the keys retired so far. */
    private List<String> retiredKids() {
        return store.all().stream()
                .filter(k -> k.retiredAt().isPresent())
                .map(StoredSigningKey::kid)
                .toList();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, call);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
