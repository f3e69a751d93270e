package io.github.wxlogin.server.config;

import io.github.wxlogin.core.admin.AdminService;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.crypto.MasterKeys;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.AppThrottle;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.RefreshService;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.session.Housekeeping;
import io.github.wxlogin.core.session.LiveSessions;
import io.github.wxlogin.core.session.SessionEnded;
import io.github.wxlogin.core.session.SessionService;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.AccessGuard;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.token.TokenVerifier;
import io.github.wxlogin.core.user.ProfileService;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserStore;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.phone.PhoneService;
import io.github.wxlogin.core.wechat.AccessTokens;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.WeChatCallListener;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatClientSettings;
import io.github.wxlogin.server.store.JdbcAuditLog;
import io.github.wxlogin.server.store.JdbcSessionStore;
import io.github.wxlogin.server.store.JdbcSigningKeyStore;
import io.github.wxlogin.server.store.JdbcUserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the framework-free core from the bound {@link WxLoginProperties}. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Ids ids() {
        return new Ids(new SecureRandom());
    }

    @Bean
    SecretBox secretBox(WxLoginProperties props) {
        return new SecretBox(MasterKeys.resolve(Optional.of(props.masterKey()), props.dataDir()));
    }

    @Bean
    TokenSettings tokenSettings(WxLoginProperties props) {
        WxLoginProperties.Tokens t = props.tokens();
        return new TokenSettings(props.issuer(), t.audience(), t.accessTokenTtl(), t.refreshTokenTtl(),
                t.sessionMaxLifetime());
    }

    @Bean
    JdbcUserStore userStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcUserStore(jdbc, tx);
    }

    @Bean
    AccessTokens accessTokens(WeChatClient wechat, AccessTokenStore store, WxLoginProperties props, Clock clock) {
        WxLoginProperties.WeChat w = props.wechat();
        return new AccessTokens(wechat, store, w.accessTokenMode(), w.renewTokenAhead(),
                clock);
    }

    @Bean
    OpenDataService openDataService(JdbcUserStore users, SecretBox box, WxLoginProperties props, Clock clock) {
        return new OpenDataService(users, new SessionKeyVault(box), props.wechat().previousSessionKeyGrace(), clock);
    }

    @Bean
    PhoneService phoneService(Apps apps, WeChatClient wechat, AccessTokens tokens, JdbcUserStore users,
            OpenDataService openData, Clock clock) {
        return new PhoneService(apps, wechat, tokens, users, users, openData, clock);
    }

    @Bean
    SessionStore sessionStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcSessionStore(jdbc, tx);
    }

    @Bean
    @DependsOn("flywayInitializer")
    SigningKeys signingKeys(JdbcClient jdbc, TransactionTemplate tx, SecretBox box, Clock clock, Ids ids) {
        return SigningKeys.loadOrCreate(new JdbcSigningKeyStore(jdbc, tx), box, clock, ids);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, TokenSettings settings, Clock clock, Ids ids) {
        return new TokenIssuer(keys, settings, clock, ids);
    }


    @Bean
    LiveSessions liveSessions(SessionStore sessions, Clock clock, SessionEnded ended) {
        return new LiveSessions(sessions, clock, ended);
    }

    @Bean
    AccessGuard accessGuard(SigningKeys keys, TokenSettings settings, LiveSessions live, Clock clock) {
        return new AccessGuard(new TokenVerifier(keys, settings, clock), keys, live, clock);
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc) {
        return new JdbcAuditLog(jdbc);
    }

    @Bean
    Auditor auditor(AuditLog auditLog, Clock clock, Ids ids) {
        return new Auditor(auditLog, clock, ids);
    }

    @Bean
    SessionService sessionService(SessionStore sessions, LiveSessions live, Auditor auditor, Clock clock) {
        return new SessionService(sessions, live, auditor, clock);
    }

    @Bean
    RefreshService refreshService(SessionStore sessions, LiveSessions live, UserStore users, TokenIssuer issuer,
            Ids ids, TokenSettings settings, Auditor auditor, Clock clock, AppThrottle throttle) {
        return new RefreshService(sessions, live, users, issuer, new RefreshTokens(ids), settings, auditor, clock,
                throttle);
    }

    @Bean
    ProfileService profileService(UserStore users, Clock clock) {
        return new ProfileService(users, clock);
    }

    @Bean
    AdminService adminService(UserStore users, SessionService sessions, AuditLog auditLog, Auditor auditor,
            SigningKeys keys, Clock clock) {
        return new AdminService(users, sessions, auditLog, auditor, keys, clock);
    }

    @Bean
    Housekeeping housekeeping(SessionStore sessions, Clock clock, WxLoginProperties props) {
        WxLoginProperties.Housekeeping h = props.housekeeping();
        return new Housekeeping(sessions, clock, h.keepEnded(), h.batchSize(), h.maxBatches());
    }


    @Bean
    WeChatClient weChatClient(WxLoginProperties props, WeChatBaseUrl baseUrl, Clock clock,
            WeChatCallListener listener) {
        WxLoginProperties.WeChat w = props.wechat();
        WeChatClientSettings settings = new WeChatClientSettings(w.baseUrl(), w.connectTimeout(), w.requestTimeout(),
                w.maxAttempts(), w.firstBackoff(), w.totalBudget(), w.circuitFailures(), w.circuitCoolDown());
        return new WeChatClient(baseUrl, settings, clock, d -> Thread.sleep(d.toMillis()), listener);
    }

    @Bean
    LoginService loginService(Apps apps, WeChatClient wechat, CodeLedger codes, UserStore users, SecretBox box,
            SessionStore sessions, TokenIssuer issuer, TokenSettings settings, Auditor auditor, Clock clock, Ids ids,
            AppThrottle throttle) {
        SessionStarter starter = new SessionStarter(sessions, issuer, new RefreshTokens(ids), settings, clock, ids);
        return new LoginService(apps, wechat, codes, users, new SessionKeyVault(box), starter, auditor, clock, ids,
                throttle);
    }
}
