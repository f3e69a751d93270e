package io.github.wxlogin.core.kuaishou;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformCallGuard;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformRequests;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kuaishou's code2Session over the JDK {@link HttpClient}: {@code POST /oauth2/mp/code2session} on
 * {@code open.kuaishou.com} with the form {@code app_id, app_secret, js_code} (the secret and the code
 * in the body, never in a URL), answering {@code {"result":1,"open_id","session_key"}} or
 * {@code {"result":N,"error_msg"}}, HTTP 200 either way (https://mp.kuaishou.com/docs/develop/server/code2Session.html).
 * Under Kuaishou's own {@link PlatformCallGuard}: a circuit of its own, and bounded retries of its
 * internal error. Failures come out as {@link KuaishouError} (Kuaishou said no) or
 * {@link KuaishouUnavailable} (Kuaishou could not be asked).
 */
public final class KuaishouClient {

    static final String CODE2SESSION = "/oauth2/mp/code2session";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What the form sends that must stay out of every message. */
    private static final List<String> SECRET_FIELDS = List.of("app_secret", "js_code");

    private final Supplier<URI> baseUrl;
    private final PlatformCallGuard guard;
    private final HttpClient http;

    /** @param baseUrl where {@code open.kuaishou.com} is (in dev mode the simulator's {@code /kuaishou}), asked on each call */
    public KuaishouClient(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        this.baseUrl = baseUrl;
        this.guard = new PlatformCallGuard(
                "Kuaishou", settings, clock, pause, List.of(CODE2SESSION), KuaishouUnavailable::new);
        this.http = settings.httpClient();
    }

    /**
     * The login code of {@code ks.login()} for the user's open_id and session_key. Kuaishou gives a
     * mini program no unionid. No thread waits for Kuaishou; the future fails with {@link KuaishouError}
     * or {@link KuaishouUnavailable}.
     */
    public CompletableFuture<PlatformSession> code2SessionAsync(App app, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_id", app.appId());
        form.put("app_secret", app.secret());
        form.put("js_code", code);
        URI url = url(CODE2SESSION);
        return guard.callAsync(CODE2SESSION, timeout -> sendAsync(url, form, timeout))
                .thenApply(KuaishouClient::session);
    }

    /** The circuit breakers, one per API path (for metrics). */
    public CircuitBreakerRegistry circuits() {
        return guard.circuits();
    }

    private static PlatformSession session(JsonNode answer) {
        String openId = PlatformJson.text(answer, "open_id");
        String sessionKey = PlatformJson.text(answer, "session_key");
        if (openId == null || sessionKey == null) {
            throw new KuaishouUnavailable(CODE2SESSION, "answer has no open_id or session_key");
        }
        return new PlatformSession(openId, sessionKey, Optional.empty());
    }

    private CompletableFuture<JsonNode> sendAsync(URI url, Map<String, String> form, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PlatformRequests.form(form)))
                .build();
        return Futures.capture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw PlatformRequests.sendFailure(
                                Futures.unwrap(failure), reason -> new KuaishouUnavailable(CODE2SESSION, reason));
                    }
                    return read(response, form);
                });
    }

    /** Kuaishou's answer as JSON, or what is wrong with it; {@code result} other than 1 is its error. */
    private static JsonNode read(HttpResponse<byte[]> response, Map<String, String> form) {
        if (response.statusCode() != 200) {
            throw new KuaishouUnavailable(CODE2SESSION, "HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new KuaishouUnavailable(CODE2SESSION, "answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new KuaishouUnavailable(CODE2SESSION, "answer is not a JSON object");
        }
        JsonNode result = answer.get("result");
        if (result == null || !result.isIntegralNumber()) {
            throw new KuaishouUnavailable(CODE2SESSION, "answer has no result");
        }
        if (result.asLong() != KuaishouErrors.SUCCESS) {
            String message = Optional.ofNullable(PlatformJson.text(answer, "error_msg"))
                    .or(() -> Optional.ofNullable(PlatformJson.text(answer, "error")))
                    .orElse("");
            throw new KuaishouError(
                    CODE2SESSION, result.asLong(), PlatformRequests.masked(message, form, SECRET_FIELDS));
        }
        return answer;
    }

    private URI url(String path) {
        return PlatformRequests.url(baseUrl.get(), path);
    }
}
