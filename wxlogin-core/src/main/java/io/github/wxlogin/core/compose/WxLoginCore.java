package io.github.wxlogin.core.compose;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.channel.ChannelService;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.identity.IdentityService;
import io.github.wxlogin.core.identity.LinkService;
import io.github.wxlogin.core.identity.PhoneLinking;
import io.github.wxlogin.core.identity.UserMerger;
import io.github.wxlogin.core.login.AccountWriter;
import io.github.wxlogin.core.login.AppThrottle;
import io.github.wxlogin.core.login.CodeExchange;
import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.GuestMerge;
import io.github.wxlogin.core.login.InMemoryCodeLedger;
import io.github.wxlogin.core.login.LoginEvents;
import io.github.wxlogin.core.login.LoginListener;
import io.github.wxlogin.core.login.LoginScreen;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.login.SessionTokens;
import io.github.wxlogin.core.opendata.OpenDataFormat;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.phone.PhoneService;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.risk.RiskControl;
import io.github.wxlogin.core.risk.RiskScreen;
import io.github.wxlogin.core.session.AccessGuard;
import io.github.wxlogin.core.session.Housekeeping;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionEnding;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.sessionkey.SessionKeyHealth;
import io.github.wxlogin.core.sessionkey.SessionKeyReset;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.SigningKeyStore;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.SigningKeysChanged;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenVerifier;
import io.github.wxlogin.core.user.AnnouncingGuestStore;
import io.github.wxlogin.core.user.AnnouncingUserStore;
import io.github.wxlogin.core.user.GuestStore;
import io.github.wxlogin.core.user.PhoneStore;
import io.github.wxlogin.core.user.ProfileService;
import io.github.wxlogin.core.user.SessionKeyRotation;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserCache;
import io.github.wxlogin.core.user.UserChanged;
import io.github.wxlogin.core.user.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The composition root of the core: every service wired once, over the store interfaces, the
 * platform port, the clock and the settings. The server builds it from its properties and its JDBC
 * and Redis adapters; tests build it over in-memory stores and a fake platform; an embedding
 * application builds it over its own. Model: ory/fosite's {@code compose}.
 *
 * <pre>{@code
 * WxLoginCore core = WxLoginCore.builder()
 *         .apps(apps).settings(CoreSettings.defaults(issuer)).platform(platform)
 *         .userStore(users).sessionStore(sessions).signingKeyStore(keys).auditLog(audit)
 *         .secretBox(box)
 *         .build();
 * core.login().login(appId, code, client);
 * }</pre>
 *
 * <p>{@link Builder#build()} loads the signing keys, creating the first one when the store has none.
 */
public final class WxLoginCore {

    private final CoreSettings settings;
    private final Apps apps;
    private final Auditor auditor;
    private final SigningKeys signingKeys;
    private final LiveSessions liveSessions;
    private final UserCache userCache;
    private final AccessGuard accessGuard;
    private final SessionStarter sessionStarter;
    private final LoginService login;
    private final RefreshService refresh;
    private final SessionService sessions;
    private final OpenDataService openData;
    private final SessionKeyReset sessionKeyReset;
    private final ChannelService channel;
    private final PhoneService phone;
    private final ProfileService profile;
    private final AdminService admin;
    private final IdentityService identities;
    private final LinkService links;
    private final Housekeeping housekeeping;
    private final Transactions transactions;

    private WxLoginCore(Builder b) {
        Clock clock = b.clock;
        Ids ids = b.ids;
        this.settings = b.settings;
        this.transactions = b.transactions;
        this.apps = b.apps;
        this.auditor = new Auditor(b.auditLog, clock, ids);
        this.signingKeys = SigningKeys.loadOrCreate(b.signingKeyStore, b.secretBox, clock, ids, b.signingKeysChanged);
        this.liveSessions =
                new LiveSessions(b.sessionStore, clock, b.sessionEnded, settings.liveSessionCache(), b.ticker);
        CoreSettings.UserCache u = settings.userCache();
        this.userCache = new UserCache(b.userStore, b.userChanged, u.maxBytes(), u.ttl(), b.ticker);
        // Every service writes users through this one, which announces each change after its commit.
        AnnouncingUserStore users = new AnnouncingUserStore(b.userStore, b.phoneStore, userCache, b.transactions);
        this.accessGuard = new AccessGuard(
                new TokenVerifier(signingKeys, settings.tokens(), clock), signingKeys, liveSessions, clock);
        SessionTokens tokens = new SessionTokens(
                new TokenIssuer(signingKeys, settings.tokens(), clock, ids),
                new RefreshTokens(ids),
                settings.tokens(),
                clock);
        LoginEvents events = new LoginEvents(auditor, b.loginListener);
        SessionKeyVault vault = new SessionKeyVault(b.secretBox);
        this.sessionStarter = new SessionStarter(b.sessionStore, tokens, ids);
        CodeExchange exchange = new CodeExchange(b.throttle, b.codeLedger, b.platform);
        SessionEnding endings = new SessionEnding(b.sessionStore, liveSessions, auditor, b.transactions, clock);
        UserMerger merger = new UserMerger(users, b.sessionStore, endings, b.auditLog, auditor, b.transactions, clock);
        // A Douyin guest whose real user exists joins it at the real login, by the same merge as the admin's.
        GuestMerge guestMerge = b.guestMerge.orElse((guest, real, now) ->
                merger.merge(guest, real, "as the Douyin guest of the device it logged in on", ClientInfo.unknown()));
        AccountWriter accounts = new AccountWriter(
                users,
                b.guestStore.map(g -> (GuestStore) new AnnouncingGuestStore(g, userCache, b.transactions)),
                Optional.of(guestMerge),
                vault,
                ids,
                clock);
        // The risk control of first logins: only when an app asks for it, so other logins take no extra step.
        LoginScreen screen = b.riskControl
                .filter(RiskControl::anyOn)
                .<LoginScreen>map(r -> new RiskScreen(r, users, auditor))
                .orElse(LoginScreen.NONE);
        this.login = new LoginService(b.apps, exchange, accounts, sessionStarter, events, b.transactions, screen);
        this.refresh =
                new RefreshService(b.sessionStore, liveSessions, users, tokens, b.throttle, events, b.transactions);
        this.sessions = new SessionService(b.sessionStore, liveSessions, auditor, clock);
        // Each platform's own rule for whether decrypted data was made for the app (WeChat's watermark, …),
        // and its own cipher (Baidu's AES-192 with the AppKey trailer).
        this.openData = new OpenDataService(
                b.sessionKeyStore,
                vault,
                settings.previousSessionKeyGrace(),
                clock,
                (appId, openid, data) -> b.apps.find(appId)
                        .map(app -> b.platform.openDataBelongs(app, openid, data))
                        .orElse(false),
                appId -> b.apps.find(appId).map(b.platform::openDataFormat).orElse(OpenDataFormat.WECHAT),
                new SessionKeyHealth(b.apps, b.platform, vault, b.ticker));
        this.sessionKeyReset = new SessionKeyReset(
                b.apps, users, b.sessionKeyStore, b.sessionKeyRotation, vault, b.platform, auditor, clock);
        this.channel = new ChannelService(b.apps, b.sessionKeyStore, vault, b.platform, clock, b.ticker);
        PhoneLinking linking =
                new PhoneLinking(settings.linkByPhone(), users, merger, sessionStarter, auditor, b.transactions);
        this.phone = new PhoneService(b.apps, b.platform, users, users, openData, linking, clock);
        this.profile = new ProfileService(users, userCache, clock);
        this.admin = new AdminService(users, sessions, b.auditLog, auditor, signingKeys, merger, clock);
        this.identities = new IdentityService(b.apps, users, endings, auditor, b.transactions, clock);
        this.links = new LinkService(b.apps, exchange, accounts, users, auditor, b.transactions);
        CoreSettings.Housekeeping h = settings.housekeeping();
        this.housekeeping = new Housekeeping(
                b.sessionStore, b.auditLog, clock, h.keepEnded(), h.keepAudit(), h.batchSize(), h.maxBatches());
    }

    public static Builder builder() {
        return new Builder();
    }

    public CoreSettings settings() {
        return settings;
    }

    public Apps apps() {
        return apps;
    }

    /** How the stores commit a unit of work together. */
    public Transactions transactions() {
        return transactions;
    }

    /** {@code POST /v1/auth/login}. */
    public LoginService login() {
        return login;
    }

    /** {@code POST /v1/auth/refresh}. */
    public RefreshService refresh() {
        return refresh;
    }

    /** Logout and the caller's own sessions. */
    public SessionService sessions() {
        return sessions;
    }

    /** Opens a session for an account that is already known (what a login does once it has the user). */
    public SessionStarter sessionStarter() {
        return sessionStarter;
    }

    public OpenDataService openData() {
        return openData;
    }

    /** {@code POST /admin/v1/users/{id}/reset-session-key}: WeChat's resetusersessionkey. */
    public SessionKeyReset sessionKeyReset() {
        return sessionKeyReset;
    }

    /** {@code POST /v1/me/channel/decrypt}: the encrypted network channel ({@code wx.getUserCryptoManager}). */
    public ChannelService channel() {
        return channel;
    }

    public PhoneService phone() {
        return phone;
    }

    public ProfileService profile() {
        return profile;
    }

    public AdminService admin() {
        return admin;
    }

    /** The caller's identities: the list, and unlinking one. */
    public IdentityService identities() {
        return identities;
    }

    /** Linking another app's identity to the caller's user. */
    public LinkService links() {
        return links;
    }

    /** Turns a bearer token into its caller, or refuses it. */
    public AccessGuard accessGuard() {
        return accessGuard;
    }

    public LiveSessions liveSessions() {
        return liveSessions;
    }

    /** The users {@code GET /v1/me} answers from memory; every instance forgets a user that changed. */
    public UserCache userCache() {
        return userCache;
    }

    public SigningKeys signingKeys() {
        return signingKeys;
    }

    public Auditor auditor() {
        return auditor;
    }

    /** One purge run a scheduler calls. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** What the core is built over. Required: apps, settings, platform, the four stores and the secret box. */
    public static final class Builder {

        private Apps apps;
        private CoreSettings settings;
        private PlatformClient platform;
        private UserStore userStore;
        private PhoneStore phoneStore;
        private SessionKeyStore sessionKeyStore;
        private Optional<SessionKeyRotation> sessionKeyRotation = Optional.empty();
        private Optional<GuestStore> guestStore = Optional.empty();
        private Optional<GuestMerge> guestMerge = Optional.empty();
        private SessionStore sessionStore;
        private SigningKeyStore signingKeyStore;
        private AuditLog auditLog;
        private SecretBox secretBox;
        private Clock clock = Clock.systemUTC();
        private Ids ids;
        private Ticker ticker = Ticker.systemTicker();
        private CodeLedger codeLedger;
        private SessionEnded sessionEnded = SessionEnded.inProcess();
        private UserChanged userChanged = UserChanged.inProcess();
        private SigningKeysChanged signingKeysChanged = SigningKeysChanged.inProcess();
        private AppThrottle throttle = AppThrottle.NONE;
        private LoginListener loginListener = LoginListener.NONE;
        private Transactions transactions = Transactions.NONE;
        private Optional<RiskControl> riskControl = Optional.empty();

        private Builder() {}

        /** The risk control of first logins ({@link RiskScreen}); none by default. */
        public Builder riskControl(RiskControl control) {
            this.riskControl = Optional.of(control);
            return this;
        }

        public Builder apps(Apps apps) {
            this.apps = apps;
            return this;
        }

        public Builder settings(CoreSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The platform's server: WeChat's {@code WeChatPlatform}, or a fake in tests. */
        public Builder platform(PlatformClient platform) {
            this.platform = platform;
            return this;
        }

        /** Users and identities, with their phone numbers and sealed session_keys. */
        public <S extends UserStore & PhoneStore & SessionKeyStore> Builder userStore(S store) {
            this.userStore = store;
            this.phoneStore = store;
            this.sessionKeyStore = store;
            this.guestStore = store instanceof GuestStore guests ? Optional.of(guests) : Optional.empty();
            this.sessionKeyRotation =
                    store instanceof SessionKeyRotation rotation ? Optional.of(rotation) : Optional.empty();
            return this;
        }

        /**
         * How a Douyin guest whose real user exists joins that user at its real login ({@link GuestMerge});
         * by default the user merge of the admin API ({@code UserMerger}): the guest's sessions end, its
         * phone, profile and audit history move. Guests themselves live in the user store when it is a
         * {@link GuestStore} (the in-memory and JDBC ones are).
         */
        public Builder guestMerge(GuestMerge merge) {
            this.guestMerge = Optional.of(merge);
            return this;
        }

        public Builder sessionStore(SessionStore store) {
            this.sessionStore = store;
            return this;
        }

        public Builder signingKeyStore(SigningKeyStore store) {
            this.signingKeyStore = store;
            return this;
        }

        public Builder auditLog(AuditLog auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        /** Seals session_keys and signing keys under the master key. */
        public Builder secretBox(SecretBox box) {
            this.secretBox = box;
            return this;
        }

        /** Where the service's codes are claimed once; in memory (one instance) by default. */
        public Builder codeLedger(CodeLedger ledger) {
            this.codeLedger = ledger;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The source of ids and token values; a {@link SecureRandom} by default. */
        public Builder ids(Ids ids) {
            this.ids = ids;
            return this;
        }

        /** The time source of in-memory caches (tests pass a fake one). */
        public Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        /** How an ended session is told to other instances; this instance only by default. */
        public Builder sessionEnded(SessionEnded sessionEnded) {
            this.sessionEnded = sessionEnded;
            return this;
        }

        /** How a changed user is told to other instances; this instance only by default. */
        public Builder userChanged(UserChanged userChanged) {
            this.userChanged = userChanged;
            return this;
        }

        /** How a signing-key rotation is told to other instances; this instance only by default. */
        public Builder signingKeysChanged(SigningKeysChanged signingKeysChanged) {
            this.signingKeysChanged = signingKeysChanged;
            return this;
        }

        /** Each app's allowance of logins and refreshes; none by default. */
        public Builder throttle(AppThrottle throttle) {
            this.throttle = throttle;
            return this;
        }

        /** Told of every login's and refresh's outcome (metrics); nobody by default. */
        public Builder loginListener(LoginListener listener) {
            this.loginListener = listener;
            return this;
        }

        /**
         * How the stores commit a unit of work together (a login's user, session and audit row); none by
         * default, for stores that are atomic per call.
         */
        public Builder transactions(Transactions transactions) {
            this.transactions = transactions;
            return this;
        }

        public WxLoginCore build() {
            Objects.requireNonNull(apps, "apps");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(userStore, "userStore");
            Objects.requireNonNull(sessionStore, "sessionStore");
            Objects.requireNonNull(signingKeyStore, "signingKeyStore");
            Objects.requireNonNull(auditLog, "auditLog");
            Objects.requireNonNull(secretBox, "secretBox");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ticker, "ticker");
            Objects.requireNonNull(sessionEnded, "sessionEnded");
            Objects.requireNonNull(userChanged, "userChanged");
            Objects.requireNonNull(signingKeysChanged, "signingKeysChanged");
            Objects.requireNonNull(throttle, "throttle");
            Objects.requireNonNull(loginListener, "loginListener");
            Objects.requireNonNull(transactions, "transactions");
            if (ids == null) {
                ids = new Ids(new SecureRandom());
            }
            if (codeLedger == null) {
                codeLedger = InMemoryCodeLedger.ofBytes(InMemoryCodeLedger.DEFAULT_BYTES, ticker);
            }
            return new WxLoginCore(this);
        }
    }
}
