package io.github.wxlogin.core.component;

import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import io.github.wxlogin.core.wechat.WeChatUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service provider's own token service, for a component whose component_access_token the provider
 * manages elsewhere (its ticket push goes to another system): {@code GET} the configured URL, with the
 * configured {@code Authorization} header if any, answered {@code 200} with
 * {@code {"component_access_token": "…", "expires_in": seconds}} (the shape of WeChat's own
 * api_component_token answer; {@code expires_in} counts from the answer). Anything else is "unavailable".
 * Neither the URL's query, the header nor the token appears in any message.
 */
public final class TokenService {

    /** How failures of this source are named in messages and metrics. */
    public static final String API = "component token service";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformHttpSettings settings;
    private final Clock clock;
    private final HttpClient http;

    public TokenService(PlatformHttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = settings.httpClient();
    }

    public WeChatAccessToken fetch(Component component) {
        URI url = component.tokenUrl().orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .GET();
        component.tokenUrlAuthorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw unavailable(component, "timed out");
        } catch (IOException e) {
            throw unavailable(component, "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(component, "interrupted");
        }
        if (response.statusCode() != 200) {
            throw unavailable(component, "HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw unavailable(component, "answer is not JSON");
        }
        JsonNode token = body == null ? null : body.get("component_access_token");
        JsonNode expires = body == null ? null : body.get("expires_in");
        if (token == null
                || !token.isString()
                || token.asString().isBlank()
                || expires == null
                || !expires.isNumber()
                || expires.asLong() <= 0) {
            throw unavailable(component, "answer has no component_access_token or expires_in");
        }
        return new WeChatAccessToken(token.asString(), clock.instant().plusSeconds(expires.asLong()));
    }

    private static WeChatUnavailable unavailable(Component component, String reason) {
        return new WeChatUnavailable(API, "(component " + component.appId() + ") " + reason, null);
    }
}
