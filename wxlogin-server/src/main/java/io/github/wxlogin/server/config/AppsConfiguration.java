package io.github.wxlogin.server.config;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.simulator.DemoApps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured mini programs: {@code WXLOGIN_APPS}, or in dev mode the three demo apps. */
@Configuration(proxyBeanMethods = false)
class AppsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AppsConfiguration.class);

    @Bean
    Apps apps(WxLoginProperties props) {
        Apps apps = Apps.parse(props.apps());
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
}
