package io.github.wxlogin.core.component;

import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.SharedTokens;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import io.github.wxlogin.core.wechat.WeChatClient;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each component's component_access_token (2 hours), kept as the apps' WeChat access tokens are
 * ({@link SharedTokens} over the same {@link AccessTokenStore}, under the key {@code component:<appid>}):
 * cached, renewed ahead of expiry, one fetch for the whole fleet. It comes from WeChat's
 * {@code api_component_token} with the latest pushed ticket, or from the provider's {@link TokenService}.
 * Token values and tickets appear in no log line.
 */
public final class ComponentTokens {

    private static final Logger log = LoggerFactory.getLogger(ComponentTokens.class);

    private final WeChatClient client;
    private final TicketStore tickets;
    private final TokenService tokenService;
    private final SharedTokens shared;

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
        this.shared = new SharedTokens(store, renewAhead, clock);
    }

    /** The component's current token, fetched when there is none or it is about to expire. */
    public String current(Component component) {
        return shared.current(key(component), () -> fetch(component));
    }

    /** A token other than the {@code refused} one: another caller's fresh one, or a new one. */
    public String renew(Component component, String refused) {
        return shared.renew(key(component), refused, () -> fetch(component));
    }

    private WeChatAccessToken fetch(Component component) {
        WeChatAccessToken token;
        if (component.fromTokenUrl()) {
            token = tokenService.fetch(component);
        } else {
            VerifyTicket ticket = tickets.get(component.appId())
                    .orElseThrow(() -> new WeChatUnavailable(
                            WeChatClient.COMPONENT_TOKEN,
                            "no component_verify_ticket has been pushed for component " + component.appId()
                                    + " yet (WeChat pushes one every 10 minutes to the authorization event URL)",
                            null));
            token = client.componentAccessToken(
                    component.appId(), component.secret().orElseThrow(), ticket.value());
        }
        log.info(
                "Fetched the component_access_token of component {} ({}), expires {}",
                component.appId(),
                component.fromTokenUrl() ? "token URL" : "api_component_token",
                token.expiresAt());
        return token;
    }

    static String key(Component component) {
        return "component:" + component.appId();
    }
}
