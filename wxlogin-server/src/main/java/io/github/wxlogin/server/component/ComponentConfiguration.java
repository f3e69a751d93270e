package io.github.wxlogin.server.component;

import io.github.wxlogin.core.component.ComponentTokens;
import io.github.wxlogin.core.component.TicketPushes;
import io.github.wxlogin.core.component.TicketStore;
import io.github.wxlogin.core.component.TokenService;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.store.JdbcTicketStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service providers: the components of {@code wxlogin.wechat-component.*}, their tickets in the database
 * (every instance reads what one received), their tokens in the store WeChat's access tokens share (Redis
 * in a fleet), and the logins of their authorizer apps ({@link ComponentLogins}, used by WeChat's platform
 * client). Timeouts follow WeChat's settings ({@code wxlogin.wechat.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComponentProperties.class)
class ComponentConfiguration {

    @Bean
    TicketStore componentTicketStore(JdbcClient jdbc, TransactionTemplate tx, SecretBox box, Clock clock) {
        return new JdbcTicketStore(jdbc, tx, box, clock);
    }

    @Bean
    TicketPushes componentTicketPushes(ComponentProperties props, TicketStore tickets, Clock clock) {
        return new TicketPushes(ComponentSettingsCheck.components(props), tickets, clock);
    }

    @Bean
    ComponentLogins componentLogins(
            ComponentProperties props,
            WxLoginProperties wxlogin,
            WeChatClient client,
            TicketStore tickets,
            AccessTokenStore store,
            Clock clock) {
        ComponentTokens tokens = new ComponentTokens(
                client,
                tickets,
                new TokenService(wxlogin.wechat().clientSettings(), clock),
                store,
                wxlogin.wechat().renewTokenAhead(),
                clock);
        return new ComponentLogins(ComponentSettingsCheck.byApp(props), client, tokens);
    }
}
