package io.github.wxlogin.server.api;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.WeChatApp;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Logins and refreshes counted by app and result ({@code wxlogin.logins}, {@code wxlogin.refreshes};
 * result {@code ok} or the contract's error code the client was answered). The app tag is a
 * configured appid or {@code unknown}: whatever a client sends never becomes a tag, so the series
 * stay few (configured apps × codes), and each counter is looked up once.
 */
@Component
class AuthMetrics {

    static final String UNKNOWN = "unknown";
    static final String OK = "ok";

    private final MeterRegistry registry;
    private final Apps apps;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AuthMetrics(MeterRegistry registry, Apps apps) {
        this.registry = registry;
        this.apps = apps;
    }

    SessionGrant login(String appId, Supplier<SessionGrant> login) {
        String app = (appId == null ? apps.single() : apps.find(appId)).map(WeChatApp::appId).orElse(UNKNOWN);
        return counted("wxlogin.logins", "Logins by app and result", app, login);
    }

    SessionGrant refresh(Supplier<SessionGrant> refresh) {
        return counted("wxlogin.refreshes", "Refreshes by app and result", null, refresh);
    }

    private SessionGrant counted(String name, String description, String app, Supplier<SessionGrant> call) {
        SessionGrant grant;
        try {
            grant = call.get();
        } catch (RuntimeException e) {
            counter(name, description, app == null ? UNKNOWN : app, answered(e)).increment();
            throw e;
        }
        counter(name, description, app == null ? grant.account().identity().appId() : app, OK).increment();
        return grant;
    }

    /** The code the client is answered for this failure, as {@link ApiExceptionHandler} answers it. */
    private static String answered(RuntimeException e) {
        if (e instanceof WxLoginException w) {
            return w.code().code();
        }
        if (e instanceof RedisException) {
            return ErrorCode.UPSTREAM_UNAVAILABLE.code();
        }
        return ErrorCode.INTERNAL_ERROR.code();
    }

    private Counter counter(String name, String description, String app, String result) {
        return counters.computeIfAbsent(name + '\n' + app + '\n' + result, k -> Counter.builder(name)
                .description(description)
                .tag("app", app)
                .tag("result", result)
                .register(registry));
    }
}
