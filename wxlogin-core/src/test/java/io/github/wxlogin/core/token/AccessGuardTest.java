package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.RefreshTokenRecord;
import io.github.wxlogin.core.session.SessionRecord;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final TokenSettings SETTINGS = TokenSettings.defaults("https://login.example.test");

    private final MutableClock clock = new MutableClock(START);
    private final Ids ids = new Ids();
    private final SigningKeys keys = SigningKeys.loadOrCreate(new InMemorySigningKeyStore(),
            new SecretBox(randomKey()), clock, ids);
    private final TokenIssuer issuer = new TokenIssuer(keys, SETTINGS, clock, ids);
    private final MapSessionStore sessions = new MapSessionStore();
    private final AccessGuard guard = new AccessGuard(new TokenVerifier(keys, SETTINGS, clock), sessions, clock);

    @Test
    void aTokenOfALiveSessionPasses() {
        SessionRecord session = session("s_live", "u_1", START.plus(Duration.ofDays(30)), Optional.empty());
        sessions.put(session);

        AccessClaims claims = guard.authenticate(issuer.issue(session).value());

        assertThat(claims.userId()).isEqualTo("u_1");
        assertThat(claims.sessionId()).isEqualTo("s_live");
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
    void anInvalidTokenIsRefusedBeforeTheStoreIsAsked() {
        assertRefused("not-a-token");

        assertThat(sessions.finds).isZero();
    }

    private void assertRefused(String token) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> guard.authenticate(token));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(e.getMessage()).doesNotContain(token);
    }

    private static SessionRecord session(String id, String userId, Instant expiresAt, Optional<Instant> endedAt) {
        return new SessionRecord(id, userId, "wx1234567890abcdef", START, expiresAt, START,
                Optional.empty(), Optional.empty(), endedAt);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static final class MapSessionStore implements SessionStore {
        private final Map<String, SessionRecord> byId = new ConcurrentHashMap<>();
        int finds;

        void put(SessionRecord session) {
            byId.put(session.id(), session);
        }

        @Override
        public void create(SessionRecord session, RefreshTokenRecord firstRefreshToken) {
            put(session);
        }

        @Override
        public Optional<SessionRecord> find(String sessionId) {
            finds++;
            return Optional.ofNullable(byId.get(sessionId));
        }
    }
}
