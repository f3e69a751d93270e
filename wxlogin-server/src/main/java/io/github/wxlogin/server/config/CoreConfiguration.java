package io.github.wxlogin.server.config;

import com.zaxxer.hikari.HikariDataSource;
import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.compose.WxLoginCore;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.identity.IdentityService;
import io.github.wxlogin.core.identity.LinkService;
import io.github.wxlogin.core.login.AppThrottle;
import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.LoginListener;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.phone.PhoneService;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformClients;
import io.github.wxlogin.core.risk.RiskControl;
import io.github.wxlogin.core.session.AccessGuard;
import io.github.wxlogin.core.session.Housekeeping;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.SigningKeysChanged;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.user.ProfileService;
import io.github.wxlogin.core.user.UserChanged;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.AccessTokens;
import io.github.wxlogin.core.wechat.WeChatCallListener;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatPlatform;
import io.github.wxlogin.server.component.ComponentLogins;
import io.github.wxlogin.server.store.DeferringJdbcClient;
import io.github.wxlogin.server.store.JdbcAuditLog;
import io.github.wxlogin.server.store.JdbcSessionStore;
import io.github.wxlogin.server.store.JdbcSigningKeyStore;
import io.github.wxlogin.server.store.JdbcTransactions;
import io.github.wxlogin.server.store.JdbcUserStore;
import io.github.wxlogin.server.store.RollbackNoise;
import io.github.wxlogin.server.store.StoreThreads;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * The core, composed once through {@link WxLoginCore} over the JDBC stores, the WeChat platform, the
 * shared-state adapters (code ledger, session-ended, user-changed and signing-key channels, throttle: Redis or in
 * process) and the bound {@link WxLoginProperties}; each service it holds is then a bean for the
 * controllers.
 */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    static SqlitePool sqlitePool() {
        return new SqlitePool();
    }

    /** The system's UTC clock; a test may register another {@link Clock} before the context starts. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Ids ids() {
        return new Ids(new SecureRandom());
    }

    /**
     * The service's {@link JdbcClient}, in Spring Boot's place: the stores' inserts that a unit of work
     * does not read back wait, and go together before its next statement or its commit (on PostgreSQL in
     * one round trip).
     */
    @Bean
    DeferringJdbcClient jdbcClient(NamedParameterJdbcTemplate jdbc, DataSource dataSource) {
        String url = dataSource instanceof HikariDataSource pool ? pool.getJdbcUrl() : null;
        return DeferringJdbcClient.over(JdbcClient.create(jdbc), DeferringJdbcClient.takesSeveralStatements(url));
    }

    @Bean
    JdbcUserStore userStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcUserStore(jdbc, tx);
    }

    @Bean
    SessionStore sessionStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcSessionStore(jdbc, tx);
    }

    @Bean
    WeChatClient weChatClient(
            WxLoginProperties props, WeChatBaseUrl baseUrl, Clock clock, WeChatCallListener listener) {
        return new WeChatClient(
                baseUrl, props.wechat().clientSettings(), clock, WeChatClient.Pause.SCHEDULED, listener);
    }

    @Bean
    AccessTokens accessTokens(WeChatClient wechat, AccessTokenStore store, WxLoginProperties props, Clock clock) {
        WxLoginProperties.WeChat w = props.wechat();
        return new AccessTokens(wechat, store, w.accessTokenMode(), w.renewTokenAhead(), clock);
    }

    /** As many as the database pool has connections (SQLite's one included, see {@link SqlitePool}). */
    @Bean
    StoreThreads storeThreads(DataSource dataSource) {
        return new StoreThreads(dataSource instanceof HikariDataSource pool ? pool.getMaximumPoolSize() : 10);
    }

    /** WeChat, the reference platform: its client with the app access tokens it needs. */
    @Bean
    PlatformSupport weChatSupport(WeChatClient wechat, AccessTokens tokens, ComponentLogins components) {
        // Service providers' authorizer apps log in through their component (server/component).
        return new PlatformSupport(Platform.WECHAT, components.around(new WeChatPlatform(wechat, tokens)));
    }

    /** Every platform's client behind one; an app whose platform has none stops the start. */
    @Bean
    PlatformClients platformClients(List<PlatformSupport> supports, Apps apps) {
        Map<Platform, PlatformClient> clients = new EnumMap<>(Platform.class);
        for (PlatformSupport support : supports) {
            if (clients.putIfAbsent(support.platform(), support.client()) != null) {
                throw new IllegalStateException(
                        "two clients for platform " + support.platform().id());
            }
        }
        try {
            return PlatformClients.of(clients, apps);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("WXLOGIN_APPS: " + e.getMessage() + ".");
        }
    }

    @Bean
    @DependsOn("flywayInitializer")
    WxLoginCore wxLoginCore(
            WxLoginProperties props,
            Apps apps,
            JdbcUserStore users,
            SessionStore sessions,
            JdbcClient jdbc,
            TransactionTemplate tx,
            SecretBox box,
            PlatformClients platforms,
            CodeLedger codes,
            SessionEnded ended,
            UserChanged changed,
            SigningKeysChanged keysChanged,
            AppThrottle throttle,
            ObjectProvider<LoginListener> listener,
            StoreThreads storeThreads,
            RiskControl riskControl,
            Clock clock,
            Ids ids) {
        // Spring's ERROR line for each unit a database restart cut off: the service answers and logs those.
        // (The jar ships Logback; a build that swapped it out keeps Spring's lines.)
        if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", CoreConfiguration.class.getClassLoader())) {
            RollbackNoise.install();
        }
        return WxLoginCore.builder()
                .apps(apps)
                .settings(props.coreSettings())
                .platform(platforms)
                .userStore(users)
                .sessionStore(sessions)
                .signingKeyStore(new JdbcSigningKeyStore(jdbc, tx))
                .auditLog(new JdbcAuditLog(jdbc))
                .secretBox(box)
                .codeLedger(codes)
                .sessionEnded(ended)
                .userChanged(changed)
                .signingKeysChanged(keysChanged)
                .throttle(throttle)
                .transactions(new JdbcTransactions(tx, storeThreads))
                .loginListener(listener.getIfAvailable(() -> LoginListener.NONE))
                .riskControl(riskControl)
                .clock(clock)
                .ids(ids)
                .build();
    }

    @Bean
    TokenSettings tokenSettings(WxLoginCore core) {
        return core.settings().tokens();
    }

    @Bean
    SigningKeys signingKeys(WxLoginCore core) {
        return core.signingKeys();
    }

    @Bean
    Auditor auditor(WxLoginCore core) {
        return core.auditor();
    }

    @Bean
    LiveSessions liveSessions(WxLoginCore core) {
        return core.liveSessions();
    }

    @Bean
    AccessGuard accessGuard(WxLoginCore core) {
        return core.accessGuard();
    }

    @Bean
    LoginService loginService(WxLoginCore core) {
        return core.login();
    }

    @Bean
    RefreshService refreshService(WxLoginCore core) {
        return core.refresh();
    }

    @Bean
    SessionService sessionService(WxLoginCore core) {
        return core.sessions();
    }

    @Bean
    OpenDataService openDataService(WxLoginCore core) {
        return core.openData();
    }

    @Bean
    PhoneService phoneService(WxLoginCore core) {
        return core.phone();
    }

    @Bean
    ProfileService profileService(WxLoginCore core) {
        return core.profile();
    }

    @Bean
    AdminService adminService(WxLoginCore core) {
        return core.admin();
    }

    @Bean
    IdentityService identityService(WxLoginCore core) {
        return core.identities();
    }

    @Bean
    LinkService linkService(WxLoginCore core) {
        return core.links();
    }

    @Bean
    Housekeeping housekeeping(WxLoginCore core) {
        return core.housekeeping();
    }
}
