package io.github.wxlogin.server.config;

import io.github.wxlogin.core.crypto.MasterKeys;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.login.CodeLedger;
import io.github.wxlogin.core.login.InMemoryCodeLedger;
import io.github.wxlogin.core.login.LoginService;
import io.github.wxlogin.core.login.SessionStarter;
import io.github.wxlogin.core.session.SessionStore;
import io.github.wxlogin.core.support.Ids;
import io.github.wxlogin.core.token.AccessGuard;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenIssuer;
import io.github.wxlogin.core.token.TokenSettings;
import io.github.wxlogin.core.token.TokenVerifier;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.UserStore;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatClientSettings;
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
    UserStore userStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcUserStore(jdbc, tx);
    }

    @Bean
    SessionStore sessionStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new JdbcSessionStore(jdbc, tx);
    }

    @Bean
    @DependsOn("flywayInitializer")
    SigningKeys signingKeys(JdbcClient jdbc, SecretBox box, Clock clock, Ids ids) {
        return SigningKeys.loadOrCreate(new JdbcSigningKeyStore(jdbc), box, clock, ids);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, TokenSettings settings, Clock clock, Ids ids) {
        return new TokenIssuer(keys, settings, clock, ids);
    }

    @Bean
    AccessGuard accessGuard(SigningKeys keys, TokenSettings settings, SessionStore sessions, Clock clock) {
        return new AccessGuard(new TokenVerifier(keys, settings, clock), sessions, clock);
    }

    @Bean
    CodeLedger codeLedger() {
        return new InMemoryCodeLedger();
    }

    @Bean
    WeChatClient weChatClient(WxLoginProperties props, WeChatBaseUrl baseUrl, Clock clock) {
        WxLoginProperties.WeChat w = props.wechat();
        WeChatClientSettings settings = new WeChatClientSettings(w.baseUrl(), w.connectTimeout(), w.requestTimeout(),
                w.maxAttempts(), w.firstBackoff(), w.totalBudget());
        return new WeChatClient(baseUrl, settings, clock, d -> Thread.sleep(d.toMillis()));
    }

    @Bean
    LoginService loginService(Apps apps, WeChatClient wechat, CodeLedger codes, UserStore users, SecretBox box,
            SessionStore sessions, TokenIssuer issuer, TokenSettings settings, Clock clock, Ids ids) {
        SessionStarter starter = new SessionStarter(sessions, issuer, new RefreshTokens(ids), settings, clock, ids);
        return new LoginService(apps, wechat, codes, users, new SessionKeyVault(box), starter, clock, ids);
    }
}
