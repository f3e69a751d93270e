package io.github.wxlogin.server.config;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.server.alipay.AlipayKeys;
import io.github.wxlogin.server.alipay.AlipayProperties;
import io.github.wxlogin.server.component.ComponentProperties;
import io.github.wxlogin.server.component.ComponentSettingsCheck;
import io.github.wxlogin.simulator.DemoApps;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured mini programs: {@code WXLOGIN_APPS} and Alipay's {@code wxlogin.alipay.apps}, or in dev mode the demo apps. */
@Configuration(proxyBeanMethods = false)
public class AppsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AppsConfiguration.class);

    @Bean
    Apps apps(WxLoginProperties props, AlipayProperties alipay, ComponentProperties components) {
        Apps apps = AppsConfiguration.configured(props, alipay, components);
        if (apps.isEmpty() && props.dev()) {
            // Fresh random secrets each start: the service and its simulator share them in process.
            apps = new Apps(DemoApps.random().all().stream()
                    .map(a -> new App(Platform.byId(a.platform()).orElseThrow(), a.appId(), a.secret(), a.group()))
                    .toList());
        }
        if (apps.isEmpty()) {
            throw new IllegalStateException(
                    "No mini program is configured: set WXLOGIN_APPS=[platform:]appid:secret[:group],... (or run with --dev)");
        }
        log.info(
                "Configured apps: {}",
                apps.all().stream()
                        .map(a -> a.platform().id() + ":" + a.appId()
                                + a.group().map(g -> "(" + g + ")").orElse(""))
                        .toList());
        return apps;
    }

    /** {@code WXLOGIN_APPS}, and the Alipay apps of {@code wxlogin.alipay.apps[n]}. */
    public static Apps configured(WxLoginProperties props, AlipayProperties alipay) {
        return configured(props, alipay, ComponentProperties.none());
    }

    /** {@code WXLOGIN_APPS}, the Alipay apps, and the service providers' authorizer apps ({@code wxlogin.wechat-component.apps}). */
    public static Apps configured(WxLoginProperties props, AlipayProperties alipay, ComponentProperties components) {
        List<App> all = new ArrayList<>(Apps.parse(props.apps()).all());
        all.addAll(AlipayKeys.apps(alipay));
        all.addAll(ComponentSettingsCheck.apps(components));
        return new Apps(all);
    }
}
