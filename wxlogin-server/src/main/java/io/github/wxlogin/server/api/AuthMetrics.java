package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.WeChatApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Logins and refreshes counted by app and result ({@code wxlogin.logins}, {@code wxlogin.refreshes};
 * result {@code ok} or the contract's error code). The app tag is a configured appid or
 * {@code unknown}: whatever a client sends never becomes a tag, so the series stay few.
 */
@Component
class AuthMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Apps apps;

    AuthMetrics(MeterRegistry registry, Apps apps) {
        this.registry = registry;
        this.apps = apps;
    }

    SessionGrant login(String appId, Supplier<SessionGrant> login) {
        String app = appId == null ? apps.single().map(WeChatApp::appId).orElse(UNKNOWN)
                : apps.find(appId).map(WeChatApp::appId).orElse(UNKNOWN);
        return counted("wxlogin.logins", app, login);
    }

    SessionGrant refresh(Supplier<SessionGrant> refresh) {
        return counted("wxlogin.refreshes", null, refresh);
    }

    private SessionGrant counted(String name, String app, Supplier<SessionGrant> call) {
        SessionGrant grant;
        try {
            grant = call.get();
        } catch (WxLoginException e) {
            count(name, app == null ? UNKNOWN : app, e.code().code());
            throw e;
        } catch (RuntimeException e) {
            count(name, app == null ? UNKNOWN : app, ErrorCode.INTERNAL_ERROR.code());
            throw e;
        }
        count(name, app == null ? grant.account().identity().appId() : app, "ok");
        return grant;
    }

    private void count(String name, String app, String result) {
        Counter.builder(name)
                .description(name.endsWith("logins") ? "Logins by app and result" : "Refreshes by app and result")
                .tag("app", app)
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
