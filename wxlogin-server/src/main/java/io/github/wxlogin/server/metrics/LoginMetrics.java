package io.github.wxlogin.server.metrics;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.login.LoginListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Logins and refreshes counted by app and result, as the core announces them: {@code wxlogin.logins}
 * and {@code wxlogin.refreshes}, result {@code ok} or the contract's code the client was answered. The
 * app tag is the configured appid the core names, or {@code unknown}: what a client sends never
 * becomes a tag, so the series stay few (configured apps × codes), and each counter is made once.
 */
@Component
class LoginMetrics implements LoginListener {

    static final String UNKNOWN = "unknown";
    static final String OK = "ok";
    private static final String LOGINS = "wxlogin.logins";
    private static final String REFRESHES = "wxlogin.refreshes";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void loggedIn(String app, boolean newUser) {
        counter(LOGINS, app, OK).increment();
    }

    @Override
    public void loginRefused(Optional<String> app, ErrorCode code) {
        counter(LOGINS, app.orElse(UNKNOWN), code.code()).increment();
    }

    @Override
    public void refreshed(String app) {
        counter(REFRESHES, app, OK).increment();
    }

    @Override
    public void refreshRefused(Optional<String> app, ErrorCode code) {
        counter(REFRESHES, app.orElse(UNKNOWN), code.code()).increment();
    }

    private Counter counter(String name, String app, String result) {
        return counters.computeIfAbsent(
                name + '\n' + app + '\n' + result,
                k -> Counter.builder(name)
                        .description(name.equals(LOGINS) ? "Logins by app and result" : "Refreshes by app and result")
                        .tag("app", app)
                        .tag("result", result)
                        .register(registry));
    }
}
