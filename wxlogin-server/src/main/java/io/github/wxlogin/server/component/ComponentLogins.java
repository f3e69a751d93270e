package io.github.wxlogin.server.component;

import io.github.wxlogin.core.component.Component;
import io.github.wxlogin.core.component.ComponentPlatform;
import io.github.wxlogin.core.component.ComponentTokens;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.wechat.WeChatClient;
import java.util.Map;

/**
 * How WeChat's platform client is completed for service providers: around WeChat's own client, the
 * {@link ComponentPlatform} that sends the authorizer apps' logins through their component; WeChat's
 * client alone when no app is an authorizer app.
 */
public final class ComponentLogins {

    private final Map<String, Component> byApp;
    private final WeChatClient client;
    private final ComponentTokens tokens;

    ComponentLogins(Map<String, Component> byApp, WeChatClient client, ComponentTokens tokens) {
        this.byApp = Map.copyOf(byApp);
        this.client = client;
        this.tokens = tokens;
    }

    public PlatformClient around(PlatformClient wechat) {
        return byApp.isEmpty() ? wechat : new ComponentPlatform(wechat, byApp, client, tokens);
    }
}
