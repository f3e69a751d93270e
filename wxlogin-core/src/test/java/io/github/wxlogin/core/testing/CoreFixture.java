package io.github.wxlogin.core.testing;

import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.audit.InMemoryAuditLog;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.compose.WxLoginCore;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.identity.IdentityService;
import io.github.wxlogin.core.identity.LinkService;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.phone.PhoneService;
import io.github.wxlogin.core.session.AccessGuard;
import io.github.wxlogin.core.session.InMemorySessionStore;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.InMemorySigningKeyStore;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.token.TokenVerifier;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.InMemoryUserStore;
import io.github.wxlogin.core.user.ProfileService;
import io.github.wxlogin.core.user.UserCache;
import io.github.wxlogin.core.user.UserChanged;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The core wired through its composition root, {@link WxLoginCore}, exactly as the server wires it,
 * over in-memory stores, a {@link FakePlatform}, a {@link MutableClock} and a {@link FakeTicker}: one
 * place to build it, so each test says only what it is about.
 */
public final class CoreFixture {

    public static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    public static final String APP = "wx1234567890abcdef";
    /** Two apps of one open-platform group ({@code g1}): they share users by unionid. */
    public static final String GROUPED_APP = "wx2222222222222222";

    public static final String GROUPED_APP_2 = "wx3333333333333333";
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    public static final Duration LIVE_CACHE = Duration.ofSeconds(30);
    public static final ClientInfo PHONE = ClientInfo.of("test-agent", "203.0.113.7");

    public final MutableClock clock = new MutableClock(START);
    public final FakeTicker ticker = new FakeTicker();
    public final Ids ids = new Ids();
    public final Apps apps = Apps.parse(
            APP + ":" + SECRET + "," + GROUPED_APP + ":" + SECRET + ":g1," + GROUPED_APP_2 + ":" + SECRET + ":g1");
    public final FakePlatform platform = new FakePlatform();
    public final SecretBox box = new SecretBox(randomBytes(32));
    public final InMemorySigningKeyStore keyStore = new InMemorySigningKeyStore();
    public final InMemorySessionStore sessions = new InMemorySessionStore();
    public final InMemoryUserStore users = new InMemoryUserStore();
    /** What the core is built over: {@link #users}, with its account reads counted. */
    public final RecordingUserStore<InMemoryUserStore> userReads = new RecordingUserStore<>(users);

    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final SessionEnded ended = SessionEnded.inProcess();
    public final UserChanged userChanged = UserChanged.inProcess();
    /** The composed core; the fields below are its parts, named for the tests. */
    public final WxLoginCore core;

    public final TokenSettings settings;
    public final SigningKeys keys;
    public final TokenIssuer issuer;
    public final TokenVerifier verifier;
    public final Auditor auditor;
    public final LiveSessions live;
    public final AccessGuard guard;
    public final SessionStarter starter;
    public final LoginService logins;
    public final RefreshService refresh;
    public final SessionService sessionService;
    public final OpenDataService openData;
    public final PhoneService phones;
    public final ProfileService profiles;
    public final UserCache userCache;
    public final AdminService admin;
    public final IdentityService identities;
    public final LinkService links;

    public CoreFixture() {
        this(TokenSettings.defaults("https://login.example.test"));
    }

    public CoreFixture(TokenSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** @param customize changes to the builder before it builds (a throttle, a listener, a ledger) */
    public CoreFixture(UnaryOperator<WxLoginCore.Builder> customize) {
        this(TokenSettings.defaults("https://login.example.test"), customize);
    }

    public CoreFixture(TokenSettings settings, UnaryOperator<WxLoginCore.Builder> customize) {
        WxLoginCore.Builder builder = WxLoginCore.builder()
                .apps(apps)
                .settings(CoreSettings.defaults(settings.issuer()).withTokens(settings))
                .platform(platform)
                .userStore(userReads)
                .sessionStore(sessions)
                .signingKeyStore(keyStore)
                .auditLog(auditLog)
                .secretBox(box)
                .clock(clock)
                .ids(ids)
                .ticker(ticker)
                .sessionEnded(ended)
                .userChanged(userChanged);
        this.core = customize.apply(builder).build();
        this.settings = core.settings().tokens();
        this.keys = core.signingKeys();
        this.issuer = new TokenIssuer(keys, settings, clock, ids);
        this.verifier = new TokenVerifier(keys, settings, clock);
        this.auditor = core.auditor();
        this.live = core.liveSessions();
        this.guard = core.accessGuard();
        this.starter = core.sessionStarter();
        this.logins = core.login();
        this.refresh = core.refresh();
        this.sessionService = core.sessions();
        this.openData = core.openData();
        this.phones = core.phone();
        this.profiles = core.profile();
        this.userCache = core.userCache();
        this.admin = core.admin();
        this.identities = core.identities();
        this.links = core.links();
    }

    /** A new user with an identity in {@link #APP}. */
    public Account account(String userId) {
        return users.putAccount(userId, APP, "o_" + userId, Optional.empty(), clock.instant());
    }

    /** Starts a session for the account, as a login does once the user is known. */
    public SessionGrant login(Account account) {
        return starter.start(account, false, PHONE);
    }

    /** A whole login through the platform: a fresh code of {@code openid}, traded by the service. */
    public SessionGrant loginThroughPlatform(String appId, String openid) {
        return logins.login(appId, platform.loginCode(appId, openid), PHONE);
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
