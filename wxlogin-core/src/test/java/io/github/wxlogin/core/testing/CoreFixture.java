package io.github.wxlogin.core.testing;

import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.audit.InMemoryAuditLog;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.session.ClientInfo;
import io.github.wxlogin.core.session.InMemorySessionStore;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.AccessGuard;
import io.github.wxlogin.core.token.InMemorySigningKeyStore;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.token.TokenVerifier;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.InMemoryUserStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The core wired as the server wires it, over in-memory stores, a {@link MutableClock} and a
 * {@link FakeTicker}: one place to build it, so each test says only what it is about.
 */
public final class CoreFixture {

    public static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    public static final String APP = "wx1234567890abcdef";
    public static final Duration LIVE_CACHE = Duration.ofSeconds(30);

    public final MutableClock clock = new MutableClock(START);
    public final FakeTicker ticker = new FakeTicker();
    public final Ids ids = new Ids();
    public final TokenSettings settings;
    public final InMemorySigningKeyStore keyStore = new InMemorySigningKeyStore();
    public final SigningKeys keys;
    public final TokenIssuer issuer;
    public final TokenVerifier verifier;
    public final InMemorySessionStore sessions = new InMemorySessionStore();
    public final InMemoryUserStore users = new InMemoryUserStore();
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final Auditor auditor;
    public final SessionEnded ended = SessionEnded.inProcess();
    public final LiveSessions live;
    public final AccessGuard guard;
    public final SessionStarter starter;
    public final RefreshService refresh;
    public final SessionService sessionService;
    public final AdminService admin;

    public CoreFixture() {
        this(TokenSettings.defaults("https://login.example.test"));
    }

    public CoreFixture(TokenSettings settings) {
        this.settings = settings;
        this.keys = SigningKeys.loadOrCreate(keyStore, new SecretBox(randomBytes(32)), clock, ids);
        this.issuer = new TokenIssuer(keys, settings, clock, ids);
        this.verifier = new TokenVerifier(keys, settings, clock);
        this.auditor = new Auditor(auditLog, clock, ids);
        this.live = new LiveSessions(sessions, clock, ended, LIVE_CACHE, ticker);
        this.guard = new AccessGuard(verifier, keys, live, clock);
        RefreshTokens refreshTokens = new RefreshTokens(ids);
        this.starter = new SessionStarter(sessions, issuer, refreshTokens, settings, clock, ids);
        this.refresh = new RefreshService(sessions, live, users, issuer, refreshTokens, settings, auditor, clock);
        this.sessionService = new SessionService(sessions, live, auditor, clock);
        this.admin = new AdminService(users, sessionService, auditLog, auditor, keys, clock);
    }

    /** A new user with an identity in {@link #APP}. */
    public Account account(String userId) {
        return users.putAccount(userId, APP, "o_" + userId, Optional.empty(), clock.instant());
    }

    /** Starts a session for the account, as a login does once the user is known. */
    public SessionGrant login(Account account) {
        return starter.start(account, false, ClientInfo.of("test-agent", "203.0.113.7"));
    }

    /** What the guard makes of the grant's access token: the caller of an authenticated request. */
    public AccessClaims caller(SessionGrant grant) {
        return guard.authenticate(grant.accessToken().value());
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
