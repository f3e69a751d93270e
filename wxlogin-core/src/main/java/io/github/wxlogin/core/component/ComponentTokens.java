package io.github.wxlogin.core.component;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.SharedAccessTokens;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatError;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each component's component_access_token (2 hours), kept as the apps' WeChat access tokens are: a
 * {@link SharedAccessTokens} over the same {@link AccessTokenStore} (Redis in a fleet), cached, renewed
 * ahead of expiry, one fetch for the whole fleet, renewed once when WeChat refuses it (40001, 42001,
 * 40014). Stored under {@code component-<appid>}, a key no app has. It comes from WeChat's
 * {@code api_component_token} with the latest pushed ticket, or from the provider's {@link TokenService}.
 * Token values and tickets appear in no log line.
 */
public final class ComponentTokens {

    static final String KEY_PREFIX = "component-";

    private final WeChatClient client;
    private final TicketStore tickets;
    private final TokenService tokenService;
    private final SharedAccessTokens shared;
    private final Map<String, Component> byKey = new ConcurrentHashMap<>();

    public ComponentTokens(
            WeChatClient client,
            TicketStore tickets,
            TokenService tokenService,
            AccessTokenStore store,
            Duration renewAhead,
            Clock clock) {
        this.client = client;
        this.tickets = tickets;
        this.tokenService = tokenService;
        this.shared = new SharedAccessTokens(
                "component_access_token",
                new SharedAccessTokens.Source() {
                    @Override
                    public WeChatAccessToken fetch(App key) {
                        return ComponentTokens.this.fetch(byKey.get(key.appId()));
                    }

                    @Override
                    public String describe(boolean afterRefusal) {
                        return "component token source";
                    }
                },
                e -> e instanceof WeChatError w && isRefused(w),
                store,
                renewAhead,
                clock);
    }

    /** The component's current token, fetched when there is none or it is about to expire. */
    public String current(Component component) {
        return shared.current(key(component));
    }

    /** Runs a call with the component's token; a token WeChat refuses is renewed once and the call tried again. */
    public <T> CompletableFuture<T> callAsync(Component component, Function<String, CompletableFuture<T>> call) {
        return shared.callAsync(key(component), call);
    }

    /** Whether a failure came from getting the token rather than from the call made with it. */
    static boolean isTokenFailure(Throwable failure) {
        String api =
                failure instanceof WeChatError e ? e.api() : failure instanceof WeChatUnavailable u ? u.api() : null;
        return WeChatClient.COMPONENT_TOKEN.equals(api) || TokenService.API.equals(api);
    }

    static boolean isRefused(WeChatError e) {
        return !WeChatClient.COMPONENT_TOKEN.equals(e.api())
                && (e.errcode() == 40001 || e.errcode() == 42001 || e.errcode() == 40014);
    }

    private App key(Component component) {
        String key = KEY_PREFIX + component.appId();
        byKey.putIfAbsent(key, component);
        return new App(Platform.WECHAT, key, "not-an-app", Optional.empty());
    }

    private WeChatAccessToken fetch(Component component) {
        if (component.fromTokenUrl()) {
            return tokenService.fetch(component);
        }
        VerifyTicket ticket = tickets.get(component.appId())
                .orElseThrow(() -> new WeChatUnavailable(
                        WeChatClient.COMPONENT_TOKEN,
                        "no component_verify_ticket has been pushed for component " + component.appId()
                                + " yet (WeChat pushes one every 10 minutes to the authorization event URL)",
                        null));
        return client.componentAccessToken(component.appId(), component.secret().orElseThrow(), ticket.value());
    }
}
