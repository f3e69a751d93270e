package io.github.wxlogin.server.startup;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.server.alipay.AlipayKeys;
import io.github.wxlogin.server.alipay.AlipayProperties;
import io.github.wxlogin.server.baidu.BaiduProperties;
import io.github.wxlogin.server.baidu.BaiduStartCheck;
import io.github.wxlogin.server.component.ComponentProperties;
import io.github.wxlogin.server.config.AppsConfiguration;
import io.github.wxlogin.server.config.ConfigurationMistake;
import io.github.wxlogin.server.config.EmbeddedDatabase;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.SupportedPlatforms;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.dev.SimulatorApps;
import io.github.wxlogin.server.douyin.DouyinProperties;
import io.github.wxlogin.server.douyin.DouyinStartCheck;
import io.github.wxlogin.server.proxy.TrustedProxies;
import io.github.wxlogin.server.redis.RedisConnections;
import io.github.wxlogin.server.risk.RiskPolicies;
import io.github.wxlogin.server.risk.WeChatRiskProperties;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Every setting checked before anything is created: the first thing the start does once the
 * configuration is read, before a bean exists, a database is opened or a file written. The first
 * mistake found ends the start as a {@link ConfigurationMistake}: one sentence naming the setting and
 * the fix (printed by {@link OneSentenceReporter}, exit code 2). What only the running service can
 * find (the master key against the stored data, Redis, the database answering) is checked later, as
 * early as it can be ({@link MasterKeyAtStart}), and reported the same way.
 */
public final class StartupCheck implements EnvironmentPostProcessor, Ordered {

    private static final Set<String> LOG_FORMATS = Set.of("ecs", "logstash", "gelf");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        check(env);
    }

    /** After {@link EmbeddedDatabase} has named the embedded database's URL (it creates nothing). */
    @Override
    public int getOrder() {
        return EmbeddedDatabase.ORDER + 1;
    }

    static void check(ConfigurableEnvironment env) {
        Binder binder = Binder.get(env);
        // The port first: the default issuer is made of it.
        int port = bind(binder, "server.port", Integer.class, 8080);
        InetAddress address = bind(binder, "server.address", InetAddress.class, null);
        WxLoginProperties props = bind(binder, "wxlogin", WxLoginProperties.class, null);
        AlipayProperties alipay = bind(binder, "wxlogin.alipay", AlipayProperties.class, AlipayProperties.none());
        ComponentProperties components =
                bind(binder, "wxlogin.wechat-component", ComponentProperties.class, ComponentProperties.none());
        Apps apps = apps(props, alipay, components);
        DouyinStartCheck.check(
                props, bind(binder, "wxlogin.douyin", DouyinProperties.class, new DouyinProperties("", null)), apps);
        BaiduStartCheck.check(bind(binder, "wxlogin.baidu", BaiduProperties.class, BaiduProperties.none()), apps);
        SupportedPlatforms.check(apps);
        RiskPolicies.parse(
                bind(binder, "wxlogin.wechat.risk", WeChatRiskProperties.class, WeChatRiskProperties.none()),
                apps.isEmpty() ? Optional.empty() : Optional.of(apps),
                components);
        wechat(props);
        PlatformBaseUrls.check(props);
        simulator(props, apps);
        issuer(props.issuer());
        settings(props);
        trustedProxies(props.trustedProxies());
        String redisUrl = env.getProperty("wxlogin.redis-url", "");
        if (!redisUrl.isBlank()) {
            RedisConnections.checkUrl(redisUrl);
        }
        logFormat(env.getProperty("logging.structured.format.console", ""));
        String dbUrl = env.getProperty("spring.datasource.url", "");
        boolean embedded = dbUrl.equals(env.getProperty(EmbeddedDatabase.PROPERTY));
        if (!embedded) {
            DataDirectory.checkDatabaseUrl(dbUrl);
        }
        MasterKeyAtStart.configuredOrStored(props);
        if (embedded || props.masterKey().isBlank()) {
            DataDirectory.checkUsable(props.dataDir());
        }
        StoredKeys.read(
                        dbUrl,
                        env.getProperty("spring.datasource.username"),
                        env.getProperty("spring.datasource.password"))
                .ifPresent(stored ->
                        MasterKeyAtStart.check(props, stored, MasterKeyAtStart.where(embedded, props.dataDir())));
        Listening.check(port, address);
    }

    private static <T> T bind(Binder binder, String name, Class<T> type, T otherwise) {
        try {
            return binder.bind(name, Bindable.of(type)).orElse(otherwise);
        } catch (BindException e) {
            throw new ConfigurationMistake(StartupFailures.invalid(e));
        }
    }

    private static Apps apps(WxLoginProperties props, AlipayProperties alipay, ComponentProperties components) {
        Apps apps;
        try {
            apps = Apps.parse(props.apps());
        } catch (IllegalArgumentException e) {
            // Apps' messages name an entry by its position or appid, never by its secret.
            throw new ConfigurationMistake("WXLOGIN_APPS is not valid: " + e.getMessage()
                    + " (the list is [platform:]appid:secret[:group], comma-separated).");
        }
        // Alipay's apps come with their keys, as wxlogin.alipay.apps[n]: each key read and parsed now.
        AlipayKeys.checkWxLoginApps(apps, props.dev());
        AlipayKeys.read(alipay);
        try {
            apps = AppsConfiguration.configured(props, alipay, components);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake(
                    "An " + e.getMessage()
                            + " (WXLOGIN_APPS, wxlogin.alipay.apps and wxlogin.wechat-component.apps together): give each app once.");
        }
        if (apps.isEmpty() && !props.dev()) {
            throw new ConfigurationMistake(
                    "No mini program is configured: set WXLOGIN_APPS=[platform:]appid:secret[:group],..."
                            + " (comma-separated), or run with --dev to try the service with demo apps.");
        }
        return apps;
    }

    private static void wechat(WxLoginProperties props) {
        URI base = props.wechat().baseUrl();
        if (base != null && !base.toString().isBlank() && !isHttpUrl(base)) {
            throw new ConfigurationMistake("WXLOGIN_WECHAT_BASE_URL must be an http or https URL: leave it unset"
                    + " for WeChat itself (https://api.weixin.qq.com), or point it at a simulator.");
        }
        try {
            props.wechat().clientSettings();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("A wxlogin.wechat setting is not valid (" + e.getMessage()
                    + "): correct it, or remove it for the default (README, \"Configuration\").");
        }
    }

    private static void simulator(WxLoginProperties props, Apps apps) {
        if (!props.simulator().enabled() || props.dev()) {
            return;
        }
        List<String> real = SimulatorApps.notSimulatorApps(
                apps, props.wechat().clientSettings().baseUrl());
        if (!real.isEmpty()) {
            throw new ConfigurationMistake("wxlogin.simulator.enabled would serve the WeChat simulator, secrets"
                    + " and session_keys included, for apps that are not simulator apps (" + String.join(", ", real)
                    + "): turn it off, or configure only the demo apps wx0000000000000001 to wx0000000000000003,"
                    + " or set WXLOGIN_WECHAT_BASE_URL to this service's own http://127.0.0.1:<port>/wechat-sim.");
        }
    }

    private static void issuer(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !isHttpUrl(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationMistake("WXLOGIN_ISSUER must be this service's public base URL, such as"
                    + " https://login.example.com, not '" + issuer + "'.");
        }
    }

    private static void settings(WxLoginProperties props) {
        try {
            props.coreSettings();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("A wxlogin.tokens, wxlogin.housekeeping or wxlogin.user-cache setting"
                    + " is not valid (" + e.getMessage() + "): correct it, or remove it for the default.");
        }
        if (props.requestThreads() != null && props.requestThreads() < 1) {
            throw new ConfigurationMistake("WXLOGIN_REQUEST_THREADS is the number of request threads, at least 1"
                    + " (unset: 8 a core and at least 16); " + props.requestThreads() + " is not.");
        }
        WxLoginProperties.RateLimit limits = props.rateLimit();
        if (limits.perIp() < 0 || limits.perApp() < 0) {
            throw new ConfigurationMistake("WXLOGIN_RATE_LIMIT_PER_IP and WXLOGIN_RATE_LIMIT_PER_APP are a number"
                    + " of requests per window, 0 to turn the limit off; a negative one is not.");
        }
        if ((limits.perIp() > 0 || limits.perApp() > 0)
                && (limits.window().isNegative() || limits.window().isZero())) {
            throw new ConfigurationMistake(
                    "wxlogin.rate-limit.window must be positive, such as 1m: correct it, or remove it for the default.");
        }
    }

    private static void trustedProxies(String spec) {
        try {
            TrustedProxies.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("WXLOGIN_TRUSTED_PROXIES is not valid (" + e.getMessage()
                    + "): list your reverse proxies' addresses and CIDR ranges, comma-separated, e.g. 10.0.0.0/8,::1.");
        }
    }

    private static void logFormat(String format) {
        String f = format.strip();
        // Spring Boot's formats, or the class name of a formatter of one's own.
        if (!f.isEmpty() && !LOG_FORMATS.contains(f) && !f.contains(".")) {
            throw new ConfigurationMistake("WXLOGIN_LOG_FORMAT must be ecs, logstash or gelf (one JSON object per"
                    + " line), or unset for plain lines, not '" + f + "'.");
        }
    }

    private static boolean isHttpUrl(URI uri) {
        return uri.getScheme() != null
                && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                && uri.getHost() != null;
    }
}
