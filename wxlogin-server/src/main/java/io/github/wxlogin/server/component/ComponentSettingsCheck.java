package io.github.wxlogin.server.component;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.component.Component;
import io.github.wxlogin.core.component.MessageCrypt;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code wxlogin.wechat-component.*} read into the core's terms, every mistake one sentence naming the
 * setting (never its value, when it is a secret). The start check runs it before anything is written;
 * the configuration runs the same code, so both refuse the same mistakes.
 */
public final class ComponentSettingsCheck {

    static final String PREFIX = "wxlogin.wechat-component";
    /**
     * What an authorizer app's {@link App#secret()} holds: the service provider has no app secret; nothing
     * sends it (the app's code goes through the component).
     */
    static final String NO_SECRET = "none-authorizer-app";

    private ComponentSettingsCheck() {}

    /** The configured components, by appid. */
    public static Map<String, Component> components(ComponentProperties props) {
        Map<String, Component> out = new LinkedHashMap<>();
        new TreeMap<>(props.components()).forEach((appId, s) -> out.put(appId, component(appId, s)));
        return out;
    }

    /** The component of each authorizer app, by the app's appid. */
    public static Map<String, Component> byApp(ComponentProperties props) {
        Map<String, Component> components = components(props);
        Map<String, Component> out = new LinkedHashMap<>();
        new TreeMap<>(props.apps()).forEach((appId, s) -> {
            String where = PREFIX + ".apps." + appId;
            if (!App.isWellFormedAppId(appId)) {
                throw new ConfigurationMistake(where + ": an appid is 1-64 letters, digits, '-' or '_'.");
            }
            String component =
                    s == null || s.component() == null ? "" : s.component().strip();
            if (component.isEmpty()) {
                throw new ConfigurationMistake(
                        where + ".component is not set: name the appid of the component this app authorized.");
            }
            Component c = components.get(component);
            if (c == null) {
                throw new ConfigurationMistake(where + ".component names " + component
                        + ", which is not configured: add " + PREFIX + ".components." + component + ".*.");
            }
            out.put(appId, c);
        });
        return out;
    }

    /** The authorizer apps, as WeChat apps of the service. */
    public static List<App> apps(ComponentProperties props) {
        byApp(props);
        List<App> out = new ArrayList<>();
        new TreeMap<>(props.apps()).forEach((appId, s) -> {
            Optional<String> group =
                    Optional.ofNullable(s.group()).map(String::strip).filter(g -> !g.isEmpty());
            try {
                out.add(new App(Platform.WECHAT, appId, NO_SECRET, group));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationMistake(PREFIX + ".apps." + appId + ": " + e.getMessage() + ".");
            }
        });
        return out;
    }

    private static Component component(String appId, ComponentProperties.ComponentSettings s) {
        String where = PREFIX + ".components." + appId;
        if (!App.isWellFormedAppId(appId) || appId.length() > 54) {
            throw new ConfigurationMistake(where + ": a component appid is 1-54 letters, digits, '-' or '_'.");
        }
        Optional<String> secret = value(s == null ? null : s.secret());
        Optional<String> token = value(s == null ? null : s.token());
        Optional<String> key = value(s == null ? null : s.encodingAesKey());
        Optional<String> url = value(s == null ? null : s.tokenUrl());
        Optional<String> authorization = value(s == null ? null : s.tokenUrlAuthorization());
        boolean ticketSettings = secret.isPresent() || token.isPresent() || key.isPresent();
        if (url.isPresent()) {
            if (ticketSettings) {
                throw new ConfigurationMistake(where + " has both token-url and the ticket settings (secret, token,"
                        + " encoding-aes-key): give one source of the component's token.");
            }
            if (authorization.isPresent() && authorization.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                // The JDK's HttpClient would refuse it at the first call with the value in its message.
                throw new ConfigurationMistake(where + ".token-url-authorization has a control character (a line"
                        + " break?): give the header value on one line.");
            }
            return Component.urlSource(appId, url(where, url.get()), authorization);
        }
        if (authorization.isPresent()) {
            throw new ConfigurationMistake(
                    where + ".token-url-authorization is set without token-url: set token-url too, or remove it.");
        }
        for (var setting :
                List.of(Map.entry("secret", secret), Map.entry("token", token), Map.entry("encoding-aes-key", key))) {
            if (setting.getValue().isEmpty()) {
                throw new ConfigurationMistake(where + "." + setting.getKey() + " is not set: a component needs"
                        + " secret, token and encoding-aes-key (WeChat pushes its ticket here), or token-url.");
            }
        }
        if (!MessageCrypt.isWellFormedKey(key.get())) {
            throw new ConfigurationMistake(where + ".encoding-aes-key is not 43 letters, digits, '+' or '/':"
                    + " copy the Open Platform console's 消息加解密Key.");
        }
        return Component.ticketSource(appId, secret.get(), token.get(), key.get());
    }

    private static URI url(String where, String value) {
        try {
            URI url = URI.create(value);
            if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("not http or https");
            }
            return url;
        } catch (IllegalArgumentException e) {
            // The URL may carry a credential in its query: it is not repeated.
            throw new ConfigurationMistake(where + ".token-url must be an http or https URL.");
        }
    }

    private static Optional<String> value(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
