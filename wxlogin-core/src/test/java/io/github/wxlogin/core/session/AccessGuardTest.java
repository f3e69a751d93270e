package io.github.wxlogin.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.testing.FakeTicker;
import io.github.wxlogin.core.testing.RecordingSessionStore;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.AccessToken;
import io.github.wxlogin.core.token.InMemorySigningKeyStore;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.token.TokenVerifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final TokenSettings SETTINGS = TokenSettings.defaults("https://login.example.test");

    private final MutableClock clock = new MutableClock(START);
    private final Ids ids = new Ids();
    private final SigningKeys keys =
            SigningKeys.loadOrCreate(new InMemorySigningKeyStore(), new SecretBox(randomKey()), clock, ids);
    private final TokenIssuer issuer = new TokenIssuer(keys, SETTINGS, clock, ids);
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final RecordingSessionStore recorded = new RecordingSessionStore(sessions);
    private final LiveSessions live =
            new LiveSessions(recorded, clock, SessionEnded.inProcess(), Duration.ofSeconds(30), new FakeTicker());
    private final AccessGuard guard = new AccessGuard(new TokenVerifier(keys, SETTINGS, clock), keys, live, clock);

    @Test
    void aTokenOfALiveSessionPasses() {
        SessionRecord session = session("s_live", "u_1", START.plus(Duration.ofDays(30)), Optional.empty());
        sessions.put(session);

        AccessClaims claims = guard.authenticate(issuer.issue(session).value());

        assertThat(claims.userId()).isEqualTo("u_1");
        assertThat(claims.sessionId()).isEqualTo("s_live");
        assertThat(claims.keyId()).isEqualTo(keys.current().getKeyID());
    }

    @Test
    void aTokenOfAnEndedSessionIsRefusedThoughTheJwtIsStillValid() {
        SessionRecord session = session("s_ended", "u_1", START.plus(Duration.ofDays(30)), Optional.empty());
        sessions.put(session);
        String token = issuer.issue(session).value();

        sessions.put(session("s_ended", "u_1", START.plus(Duration.ofDays(30)), Optional.of(START.plusSeconds(60))));
        clock.advance(Duration.ofMinutes(2));

        assertRefused(token);
    }

    @Test
    void aTokenAcceptedOnceIsRefusedAtOnceWhenItsSessionEnds() {
        SessionRecord session = session("s_ending", "u_1", START.plus(Duration.ofDays(30)), Optional.empty());
        sessions.put(session);
        String token = issuer.issue(session).value();
        assertThat(guard.authenticate(token).sessionId()).isEqualTo("s_ending");

        live.end("s_ending", "logout");

        assertRefused(token);
    }

    @Test
    void aTokenOfAnExpiredSessionIsRefusedThoughTheJwtIsStillValid() {
        Instant sessionEnd = START.plus(Duration.ofMinutes(5));
        SessionRecord session = session("s_expiring", "u_1", sessionEnd, Optional.empty());
        sessions.put(session);
        String token = issuer.issue(session).value();

        clock.set(sessionEnd.minusSeconds(1));
        assertThat(guard.authenticate(token).sessionId()).isEqualTo("s_expiring");

        clock.set(sessionEnd);
        assertRefused(token);

        clock.set(sessionEnd.plus(Duration.ofMinutes(1)));
        assertRefused(token);
    }

    @Test
    void aTokenOfAnUnknownSessionIsRefused() {
        String token = issuer.issue(session("s_nowhere", "u_1", START.plus(Duration.ofDays(1)), Optional.empty()))
                .value();

        assertRefused(token);
    }

    @Test
    void aTokenWhoseSessionBelongsToAnotherUserIsRefused() {
        sessions.put(session("s_shared", "u_owner", START.plus(Duration.ofDays(1)), Optional.empty()));
        String token = issuer.issue(session("s_shared", "u_intruder", START.plus(Duration.ofDays(1)), Optional.empty()))
                .value();

        assertRefused(token);
    }

    @Test
    void anAcceptedTokenIsRefusedExactlyAtItsExpiryThoughItWasVerifiedBefore() {
        SessionRecord session = session("s_long", "u_1", START.plus(Duration.ofDays(30)), Optional.empty());
        sessions.put(session);
        AccessToken token = issuer.issue(session);
        assertThat(guard.authenticate(token.value()).sessionId()).isEqualTo("s_long");

        clock.set(token.expiresAt().minusSeconds(1));
        assertThat(guard.authenticate(token.value()).sessionId()).isEqualTo("s_long");

        clock.set(token.expiresAt());
        assertRefused(token.value());
    }

    @Test
    void anInvalidTokenIsRefusedBeforeTheStoreIsAsked() {
        assertRefused("not-a-token");
        assertRefused(null);

        assertThat(recorded.finds()).isZero();
    }

    private void assertRefused(String token) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> guard.authenticate(token));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        if (token != null) {
            assertThat(e.getMessage()).doesNotContain(token);
        }
    }

    private static SessionRecord session(String id, String userId, Instant expiresAt, Optional<Instant> endedAt) {
        return new SessionRecord(
                id, userId, "wx1234567890abcdef", START, expiresAt, START, Optional.empty(), Optional.empty(), endedAt);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
