package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's third-party platform controls ({@code /sim/component}, {@code /sim/component/push}) and the
 * settings that configure the same component in the service ({@code wxlogin.wechat-component.*}).
 */
final class ComponentSim {

    static final String TOKEN_PATH = "/cgi-bin/component/api_component_token";
    static final String LOGIN_PATH = "/sns/component/jscode2session";

    /** A component's secrets, as the Open Platform console shows them. */
    record Keys(String appId, String secret, String token, String encodingAesKey) {

        /** The service's settings for this component, as command-line properties. */
        List<String> serviceArgs() {
            String p = "--wxlogin.wechat-component.components." + appId + ".";
            return List.of(p + "secret=" + secret, p + "token=" + token, p + "encoding-aes-key=" + encodingAesKey);
        }
    }

    static String appArg(String appId, String componentAppId) {
        return "--wxlogin.wechat-component.apps." + appId + ".component=" + componentAppId;
    }

    private final Sim sim;

    ComponentSim(Sim sim) {
        this.sim = sim;
    }

    void configure(Keys keys, List<String> authorizers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("componentAppId", keys.appId());
        body.put("secret", keys.secret());
        body.put("token", keys.token());
        body.put("encodingAesKey", keys.encodingAesKey());
        body.put("apps", authorizers);
        Http.Reply r = sim.http().postJson("/sim/component", body);
        assertThat(r.status()).as("/sim/component %s", r).isEqualTo(204);
    }

    /** WeChat pushes a fresh ticket to {@code url}: what the URL answered, {"status","answer"}. */
    JsonNode push(String componentAppId, String url) {
        return push(componentAppId, url, false);
    }

    JsonNode push(String componentAppId, String url, boolean badSignature) {
        Http.Reply r = sim.http()
                .postJson(
                        "/sim/component/push",
                        Map.of("componentAppId", componentAppId, "url", url, "badSignature", badSignature));
        assertThat(r.status()).as("/sim/component/push %s", r).isEqualTo(200);
        return r.json();
    }

    long tokenCalls() {
        return sim.calls(TOKEN_PATH);
    }

    long loginCalls() {
        return sim.calls(LOGIN_PATH);
    }
}
