package io.github.wxlogin.server.metrics;

import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.wechat.Apps;
import io.github.wxlogin.core.wechat.WeChatApp;
import io.github.wxlogin.server.problem.ProblemMapping;
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
public class AuthMetrics {

    static final String UNKNOWN = "unknown";
    static final String OK = "ok";

    private final MeterRegistry registry;
    private final Apps apps;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AuthMetrics(MeterRegistry registry, Apps apps) {
        this.registry = registry;
        this.apps = apps;
    }

    public SessionGrant login(String appId, Supplier<SessionGrant> login) {
        String app = (appId == null ? apps.single() : apps.find(appId)).map(WeChatApp::appId).orElse(UNKNOWN);
        return counted("wxlogin.logins", "Logins by app and result", app, login);
    }

    public SessionGrant refresh(Supplier<SessionGrant> refresh) {
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

    /** The code the client is answered for this failure: the one {@link ProblemMapping} gives it. */
    private static String answered(RuntimeException e) {
        return ProblemMapping.from(e).code().code();
    }

    private Counter counter(String name, String description, String app, String result) {
        return counters.computeIfAbsent(name + '\n' + app + '\n' + result, k -> Counter.builder(name)
                .description(description)
                .tag("app", app)
                .tag("result", result)
                .register(registry));
    }
}
