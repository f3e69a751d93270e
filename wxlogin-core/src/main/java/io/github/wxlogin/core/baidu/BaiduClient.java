package io.github.wxlogin.core.baidu;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
import java.nio.charset.StandardCharsets;
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
 * Baidu's {@code POST https://spapi.baidu.com/oauth/jscode2sessionkey}, over the JDK {@link HttpClient}:
 * a form ({@code code, client_id = AppKey, sk = AppSecret}) for {@code {openid, session_key}}
 * (https://smartprogram.baidu.com/docs/develop/api/open/log_Session-Key/). The code, the AppKey and the
 * secret travel in the body, never in the URL. Under the {@link PlatformCallGuard} with Baidu's own
 * circuit; failures come out as {@link BaiduError} (Baidu said no) or {@link BaiduUnavailable}.
 */
public final class BaiduClient {

    static final String JSCODE2SESSIONKEY = "/oauth/jscode2sessionkey";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The request's fields that must never be echoed: the login code and the app's secret key. */
    private static final List<String> SECRET_FIELDS = List.of("code", "sk");

    private final Supplier<URI> baseUrl;
    private final PlatformCallGuard guard;
    private final HttpClient http;

    /** @param baseUrl where {@code spapi.baidu.com} is (in dev mode the simulator's {@code /baidu}), asked on each call */
    public BaiduClient(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        this.baseUrl = baseUrl;
        this.guard = new PlatformCallGuard(
                "Baidu", settings, clock, pause, List.of(JSCODE2SESSIONKEY), BaiduUnavailable::new);
        this.http = settings.httpClient();
    }

    /**
     * The login code of {@code swan.getLoginCode()} for the user's openid and session_key. No thread waits
     * for Baidu; the future fails with {@link BaiduError} or {@link BaiduUnavailable}.
     */
    public CompletableFuture<PlatformSession> jscode2SessionKeyAsync(String appKey, String secret, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code);
        form.put("client_id", appKey);
        form.put("sk", secret);
        URI url = url();
        return guard.callAsync(JSCODE2SESSIONKEY, timeout -> sendAsync(url, form, timeout))
                .thenApply(BaiduClient::session);
    }

    /** The circuit breakers (for metrics). */
    public CircuitBreakerRegistry circuits() {
        return guard.circuits();
    }

    /**
     * {@code openid} as this API answers it; {@code open_id} is the newer {@code getsessionkey}'s name (in
     * its {@code data}), read too should Baidu ever answer it here. Baidu gives no unionid at login.
     */
    private static PlatformSession session(JsonNode answer) {
        String openid = Optional.ofNullable(PlatformJson.text(answer, "openid"))
                .orElseGet(() -> PlatformJson.text(answer, "open_id"));
        String sessionKey = PlatformJson.text(answer, "session_key");
        if (openid == null || sessionKey == null) {
            throw new BaiduUnavailable(JSCODE2SESSIONKEY, "answer has no openid or session_key");
        }
        return new PlatformSession(openid, sessionKey, Optional.empty());
    }

    private CompletableFuture<JsonNode> sendAsync(URI url, Map<String, String> form, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PlatformRequests.form(form), StandardCharsets.UTF_8))
                .build();
        return Futures.capture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw PlatformRequests.sendFailure(
                                Futures.unwrap(failure), reason -> new BaiduUnavailable(JSCODE2SESSIONKEY, reason));
                    }
                    return read(response, form);
                });
    }

    /**
     * Baidu's answer, or what is wrong with it. An error is {@code errno} (non-zero) or {@code error} in a
     * JSON object, with HTTP 200 or a 4xx status (Baidu's OAuth answers its errors with 400); anything
     * else that is not 200 is Baidu being unavailable.
     */
    private static JsonNode read(HttpResponse<byte[]> response, Map<String, String> form) {
        int status = response.statusCode();
        if (status != 200 && (status < 400 || status >= 500)) {
            throw new BaiduUnavailable(JSCODE2SESSIONKEY, "HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new BaiduUnavailable(JSCODE2SESSIONKEY, "answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new BaiduUnavailable(JSCODE2SESSIONKEY, "answer is not a JSON object");
        }
        JsonNode errno = answer.get("errno");
        long errnoValue = errno != null && errno.isNumber() ? errno.asLong() : 0;
        String error = PlatformJson.text(answer, "error");
        if (errnoValue != 0 || error != null) {
            String description = Optional.ofNullable(PlatformJson.text(answer, "error_description"))
                    .orElse("");
            throw new BaiduError(
                    JSCODE2SESSIONKEY,
                    errnoValue,
                    PlatformRequests.masked(error == null ? "" : error, form, SECRET_FIELDS),
                    PlatformRequests.masked(description, form, SECRET_FIELDS));
        }
        if (status != 200) {
            throw new BaiduUnavailable(JSCODE2SESSIONKEY, "HTTP " + status);
        }
        return answer;
    }

    private URI url() {
        return PlatformRequests.url(baseUrl.get(), JSCODE2SESSIONKEY);
    }
}
