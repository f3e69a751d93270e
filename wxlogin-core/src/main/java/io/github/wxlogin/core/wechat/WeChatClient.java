package io.github.wxlogin.core.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server-side WeChat APIs the service calls, over the JDK {@link HttpClient}. The app is passed
 * on every call (no thread-local "current app"), paths are relative to one base URL (real WeChat or
 * the simulator), and failures come out as {@link WeChatError} (WeChat said no) or
 * {@link WeChatUnavailable} (WeChat could not be asked). Neither message, nor any log line here,
 * holds the query string: it carries the app secret and the code.
 */
public final class WeChatClient {

    static final String CODE2SESSION = "/sns/jscode2session";
    private static final Logger log = LoggerFactory.getLogger(WeChatClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<URI> baseUrl;
    private final WeChatClientSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Pauses between retries; a seam so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public WeChatClient(WeChatClientSettings settings, Clock clock) {
        this(() -> settings.baseUrl(), settings, clock, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param baseUrl where WeChat is, asked on each call (in dev mode the simulator's URL is known
     *     only once the server has its port)
     */
    public WeChatClient(Supplier<URI> baseUrl, WeChatClientSettings settings, Clock clock, Sleeper sleeper) {
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * {@code auth.code2Session}: exchanges a {@code wx.login()} code for the user's openid,
     * session_key and unionid. Needs no access token.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
     */
    public WeChatSession code2Session(WeChatApp app, String code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", app.appId());
        query.put("secret", app.secret());
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        JsonNode body = getWithRetry(CODE2SESSION, query);
        String openid = text(body, "openid");
        String sessionKey = text(body, "session_key");
        if (openid == null || sessionKey == null) {
            throw new WeChatUnavailable(CODE2SESSION, "answer has no openid or session_key", null);
        }
        return new WeChatSession(openid, sessionKey, Optional.ofNullable(text(body, "unionid")));
    }

    private JsonNode getWithRetry(String api, Map<String, String> query) {
        Instant deadline = clock.instant().plus(settings.totalBudget());
        Duration backoff = settings.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new WeChatUnavailable(api, "no time left for another try", null);
            }
            Duration timeout = left.compareTo(settings.requestTimeout()) < 0 ? left : settings.requestTimeout();
            try {
                return call(api, query, timeout);
            } catch (WeChatError e) {
                boolean worthAnotherTry = e.isBusy() && attempt < settings.maxAttempts()
                        && Duration.between(clock.instant(), deadline).compareTo(backoff) > 0;
                if (!worthAnotherTry) {
                    throw e;
                }
                log.warn("WeChat {} busy (errcode -1), try {} of {}", api, attempt, settings.maxAttempts());
                pause(api, backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private JsonNode call(String api, Map<String, String> query, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url(api, query))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new WeChatUnavailable(api, "timed out", null);
        } catch (IOException e) {
            // The exception's message may quote the URI: keep only its type.
            throw new WeChatUnavailable(api, "connection failed (" + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailable(api, "interrupted", null);
        }
        if (response.statusCode() != 200) {
            throw new WeChatUnavailable(api, "HTTP " + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new WeChatUnavailable(api, "answer is not JSON", null);
        }
        if (body == null || !body.isObject()) {
            throw new WeChatUnavailable(api, "answer is not a JSON object", null);
        }
        // Success bodies carry no errcode, or errcode 0 on some APIs (getuserphonenumber, checksession).
        JsonNode errcode = body.get("errcode");
        if (errcode != null && errcode.isNumber() && errcode.asInt() != 0) {
            String errmsg = text(body, "errmsg");
            throw new WeChatError(api, errcode.asInt(), errmsg == null ? "" : errmsg);
        }
        return body;
    }

    private void pause(String api, Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailable(api, "interrupted", null);
        }
    }

    private URI url(String api, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        String base = baseUrl.get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + api + "?" + q);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || !n.isString() || n.asString().isBlank() ? null : n.asString();
    }
}
