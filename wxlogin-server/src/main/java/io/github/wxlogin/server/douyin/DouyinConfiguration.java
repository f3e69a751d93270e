package io.github.wxlogin.server.douyin;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.douyin.DouyinClient;
import io.github.wxlogin.core.douyin.DouyinClientTokens;
import io.github.wxlogin.core.douyin.DouyinPlatform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.server.config.ConfigurationMistake;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Douyin: its client on its two hosts ({@code WXLOGIN_DOUYIN_BASE_URL} for developer.toutiao.com,
 * {@code WXLOGIN_DOUYIN_OPEN_BASE_URL} for open.douyin.com), the client tokens shared with WeChat's
 * access-token store, and the apps' phone keys; contributed to the core as a {@link PlatformSupport}.
 * Timeouts, retries and the circuit follow WeChat's settings ({@code wxlogin.wechat.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DouyinProperties.class)
class DouyinConfiguration {

    static final URI OPEN_DOUYIN = URI.create("https://open.douyin.com");
    /** The client is given its hosts as suppliers; its settings' own base URL is this, for the record. */
    static final URI DEVELOPER_TOUTIAO = URI.create("https://developer.toutiao.com");
    /** Renew a client token this long before it expires (it lives 2 hours). */
    static final Duration RENEW_AHEAD = Duration.ofMinutes(5);

    @Bean
    DouyinClient douyinClient(WxLoginProperties props, DouyinProperties douyin, PlatformBaseUrls urls, Clock clock) {
        Supplier<URI> base = urls.of(Platform.DOUYIN);
        return new DouyinClient(
                base,
                openBaseUrl(props, douyin, base),
                props.wechat().clientSettings().withBaseUrl(DEVELOPER_TOUTIAO),
                clock,
                CallPause.SCHEDULED);
    }

    @Bean
    PlatformSupport douyinSupport(
            DouyinClient client,
            AccessTokenStore tokens,
            DouyinProperties douyin,
            Apps apps,
            ObjectProvider<WeChatSimulator> simulator,
            Clock clock) {
        Optional<WeChatSimulator> sim = Optional.ofNullable(simulator.getIfAvailable());
        return new PlatformSupport(
                Platform.DOUYIN,
                new DouyinPlatform(
                        client,
                        new DouyinClientTokens(client, tokens, RENEW_AHEAD, clock),
                        DouyinPhoneKeyFiles.load(douyin, apps, sim.map(s -> s::douyinPrivateKey))));
    }

    /**
     * open.douyin.com: the setting when given; else wherever developer.toutiao.com is when that was moved
     * ({@code WXLOGIN_DOUYIN_BASE_URL}, or dev mode's simulator), since a simulator serves both hosts under
     * one prefix; else the real host.
     */
    static Supplier<URI> openBaseUrl(WxLoginProperties props, DouyinProperties douyin, Supplier<URI> base) {
        String configured =
                douyin.openBaseUrl() == null ? "" : douyin.openBaseUrl().strip();
        if (!configured.isEmpty()) {
            URI url = parse(configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured);
            return () -> url;
        }
        if (props.dev() || !props.baseUrls().douyin().isBlank()) {
            return base;
        }
        return () -> OPEN_DOUYIN;
    }

    private static URI parse(String value) {
        try {
            URI url = URI.create(value);
            if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("not http or https");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("WXLOGIN_DOUYIN_OPEN_BASE_URL must be an http or https URL, such as "
                    + OPEN_DOUYIN + "; it is \"" + value + "\".");
        }
    }
}
