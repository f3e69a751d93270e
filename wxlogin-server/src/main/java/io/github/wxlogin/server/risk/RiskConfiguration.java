package io.github.wxlogin.server.risk;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.risk.RiskControl;
import io.github.wxlogin.core.wechat.AccessTokens;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatRiskRanker;
import io.github.wxlogin.server.component.ComponentProperties;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The risk control of first logins for WeChat apps: each app's policy ({@code wxlogin.wechat.risk.apps.<appid>.*},
 * checked against the apps now that dev mode's are known too), WeChat's {@code getuserriskrank} with the
 * app's access token, and the threads it runs on. With every policy off, the core puts nothing on the login.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WeChatRiskProperties.class)
class RiskConfiguration {

    @Bean
    RiskThreads riskThreads() {
        return new RiskThreads();
    }

    @Bean
    RiskControl riskControl(
            WeChatRiskProperties props,
            ComponentProperties components,
            Apps apps,
            WeChatClient wechat,
            AccessTokens tokens,
            RiskThreads threads) {
        return new RiskControl(
                RiskPolicies.parse(props, Optional.of(apps), components),
                new WeChatRiskRanker(wechat, tokens),
                threads.executor());
    }
}
