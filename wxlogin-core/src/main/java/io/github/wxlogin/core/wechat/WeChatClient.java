package io.github.wxlogin.core.wechat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformCallGuard;
import io.github.wxlogin.core.platform.PlatformEncryptKey;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformRequests;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
    static final String TOKEN = "/cgi-bin/token";
    static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";
    static final String CHECK_SESSION = "/wxa/checksession";
    static final String RESET_SESSION_KEY = "/wxa/resetusersessionkey";
    static final String USER_ENCRYPT_KEY = "/wxa/business/getuserencryptkey";
    static final String RISK_RANK = "/wxa/getuserriskrank";
    /** A service provider's (third-party platform's) code exchange for an app that authorized it. */
    public static final String COMPONENT_CODE2SESSION = "/sns/component/jscode2session";
    /** A service provider's component_access_token, from its component_verify_ticket. */
    public static final String COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<URI> baseUrl;
    private final PlatformHttpSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final PlatformCallGuard guard;
    private final WeChatCallListener listener;

    /** The pause before a retry ({@link CallPause}), under the name WeChat's callers have always used. */
    @FunctionalInterface
    public interface Pause extends CallPause {

        /** A timer: no thread waits, the next try starts on the JDK's delay scheduler thread. */
        Pause SCHEDULED = CallPause.SCHEDULED::after;
    }

    public WeChatClient(PlatformHttpSettings settings, Clock clock) {
        this(() -> settings.baseUrl(), settings, clock, Pause.SCHEDULED);
    }

    /**
     * @param baseUrl where WeChat is, asked on each call (in dev mode the simulator's URL is known
     *     only once the server has its port)
     */
    public WeChatClient(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, Pause pause) {
        this(baseUrl, settings, clock, pause, WeChatCallListener.NONE);
    }

    /** @param listener told of every call to WeChat (each try), for metrics */
    public WeChatClient(
            Supplier<URI> baseUrl,
            PlatformHttpSettings settings,
            Clock clock,
            Pause pause,
            WeChatCallListener listener) {
        this("WeChat", baseUrl, settings, clock, pause, listener, List.of());
    }

    /**
     * A client of another platform whose server API is WeChat's own on another host: QQ's server
     * ({@code https://api.q.qq.com}) answers {@code GET /sns/jscode2session} with WeChat's parameters,
     * fields and {@code errcode}/{@code errmsg} body. Only {@link #code2SessionAsync} is meant for it;
     * the caller maps the errcodes by that platform's own table. {@code platform} names it in log lines.
     */
    public static WeChatClient sameApiAt(
            String platform, Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        return new WeChatClient(platform, baseUrl, settings, clock, pause::after, WeChatCallListener.NONE, List.of());
    }

    /**
     * {@link #sameApiAt} for a platform that calls more of its own paths in WeChat's form (WeCom's
     * {@code cgi-bin/gettoken} and {@code cgi-bin/miniprogram/jscode2session} on its own host): each of
     * {@code apis} gets its circuit, and {@link #getJson}/{@link #getJsonAsync} call them.
     */
    public static WeChatClient sameApiAt(
            String platform,
            Supplier<URI> baseUrl,
            PlatformHttpSettings settings,
            Clock clock,
            CallPause pause,
            List<String> apis) {
        return new WeChatClient(platform, baseUrl, settings, clock, pause::after, WeChatCallListener.NONE, apis);
    }

    private WeChatClient(
            String platform,
            Supplier<URI> baseUrl,
            PlatformHttpSettings settings,
            Clock clock,
            Pause pause,
            WeChatCallListener listener,
            List<String> moreApis) {
        this.listener = listener;
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.clock = clock;
        this.guard = new PlatformCallGuard(
                platform,
                settings,
                clock,
                pause,
                Stream.concat(
                                Stream.of(
                                        CODE2SESSION,
                                        STABLE_TOKEN,
                                        TOKEN,
                                        PHONE_NUMBER,
                                        CHECK_SESSION,
                                        RESET_SESSION_KEY,
                                        USER_ENCRYPT_KEY,
                                        RISK_RANK,
                                        COMPONENT_CODE2SESSION,
                                        COMPONENT_TOKEN),
                                moreApis.stream())
                        .toList(),
                WeChatUnavailable::new);
        this.http = settings.httpClient();
    }

    /**
     * {@code auth.code2Session}: exchanges a {@code wx.login()} code for the user's openid,
     * session_key and unionid. Needs no access token.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
     *
     * <p>{@link #code2SessionAsync} waited for: the same tries and the same exceptions.
     */
    public PlatformSession code2Session(App app, String code) {
        return Futures.join(code2SessionAsync(app, code));
    }

    /**
     * {@link #code2Session} without holding a thread while WeChat answers or while a retry waits: the
     * future fails with the {@link WeChatError} or {@link WeChatUnavailable} the synchronous call
     * throws. Its stages run on the HTTP client's threads and the delay scheduler's, so what follows
     * it belongs on an executor of the caller's.
     */
    public CompletableFuture<PlatformSession> code2SessionAsync(App app, String code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", app.appId());
        query.put("secret", app.secret());
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        return guard.callAsync(CODE2SESSION, timeout -> timedAsync(CODE2SESSION, query, null, timeout))
                .thenApply(WeChatClient::session);
    }

    /**
     * {@code thirdpartyCode2Session}: a service provider's exchange of a {@code wx.login()} code of an app
     * that authorized its component, with the component's access token instead of the app's secret.
     * Answers like code2Session (openid, session_key, unionid when the app is bound to an open-platform
     * account); 61003 when the app has not authorized the component.
     * https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/login/api_thirdpartycode2session.html
     */
    public CompletableFuture<PlatformSession> componentCode2SessionAsync(
            App app, String componentAppId, String componentAccessToken, String code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", app.appId());
        query.put("js_code", code);
        query.put("grant_type", "authorization_code");
        query.put("component_appid", componentAppId);
        query.put("component_access_token", componentAccessToken);
        return guard.callAsync(
                        COMPONENT_CODE2SESSION, timeout -> timedAsync(COMPONENT_CODE2SESSION, query, null, timeout))
                .thenApply(body -> session(COMPONENT_CODE2SESSION, body));
    }

    /**
     * {@code getComponentAccessToken}: the component's access token (2 hours) from its secret and the
     * latest component_verify_ticket WeChat pushed.
     * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/ticket-token/getComponentAccessToken.html
     */
    public WeChatAccessToken componentAccessToken(String componentAppId, String componentSecret, String ticket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_appid", componentAppId);
        body.put("component_appsecret", componentSecret);
        body.put("component_verify_ticket", ticket);
        JsonNode answer = withRetry(COMPONENT_TOKEN, Map.of(), body);
        String token = PlatformJson.text(answer, "component_access_token");
        JsonNode expires = answer.get("expires_in");
        if (token == null || expires == null || !expires.isNumber() || expires.asLong() <= 0) {
            throw new WeChatUnavailable(COMPONENT_TOKEN, "answer has no component_access_token or expires_in", null);
        }
        return new WeChatAccessToken(token, clock.instant().plusSeconds(expires.asLong()));
    }

    private static PlatformSession session(JsonNode body) {
        return session(CODE2SESSION, body);
    }

    private static PlatformSession session(String api, JsonNode body) {
        String openid = PlatformJson.text(body, "openid");
        String sessionKey = PlatformJson.text(body, "session_key");
        if (openid == null || sessionKey == null) {
            throw new WeChatUnavailable(api, "answer has no openid or session_key", null);
        }
        return new PlatformSession(openid, sessionKey, Optional.ofNullable(PlatformJson.text(body, "unionid")));
    }

    /**
     * {@code auth.getStableAccessToken}: the app's access token without invalidating the one other
     * holders use, unless {@code forceRefresh}.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
     */
    public WeChatAccessToken stableAccessToken(App app, boolean forceRefresh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", app.appId());
        body.put("secret", app.secret());
        body.put("force_refresh", forceRefresh);
        return accessToken(STABLE_TOKEN, withRetry(STABLE_TOKEN, Map.of(), body));
    }

    /**
     * {@code auth.getAccessToken}: a new access token; the previous one stops working after a few
     * minutes, for every holder.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html
     */
    public WeChatAccessToken accessToken(App app) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "client_credential");
        query.put("appid", app.appId());
        query.put("secret", app.secret());
        return accessToken(TOKEN, withRetry(TOKEN, query, null));
    }

    /**
     * {@code phonenumber.getPhoneNumber}: the number behind a getPhoneNumber button's code. The
     * user's {@code openid} goes with it: WeChat then checks that the code was given to that user
     * ("用户openid，填入后会校验openid和code的绑定关系", the body's optional {@code openid}), so a
     * code sent by another user is refused rather than answered with that user's number.
     * https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber.html
     */
    public PlatformPhone phoneNumber(String accessToken, String openid, String code) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("code", code);
        request.put("openid", openid);
        JsonNode body = withRetry(PHONE_NUMBER, Map.of("access_token", accessToken), request);
        JsonNode info = body.get("phone_info");
        if (info == null || !info.isObject()) {
            throw new WeChatUnavailable(PHONE_NUMBER, "answer has no phone_info", null);
        }
        String countryCode = PlatformJson.textOrNumber(info, "countryCode");
        JsonNode watermark = info.get("watermark");
        String watermarkAppId = watermark == null ? null : PlatformJson.text(watermark, "appid");
        String phone = PlatformJson.text(info, "phoneNumber");
        String pure = PlatformJson.text(info, "purePhoneNumber");
        if (phone == null || pure == null || countryCode == null) {
            throw new WeChatUnavailable(PHONE_NUMBER, "phone_info lacks its number", null);
        }
        return new PlatformPhone(phone, pure, countryCode, java.util.Optional.ofNullable(watermarkAppId));
    }

    /**
     * {@code auth.checkSessionKey}: whether WeChat still holds the session_key the signature was made
     * with. Returns normally when it does; WeChat answers errcode 87009 when it does not.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/checkSessionKey.html
     *
     * @param signature HMAC-SHA256 of the empty string under the session_key, lower-case hex
     */
    public void checkSession(String accessToken, String openid, String signature) {
        withRetry(CHECK_SESSION, loginState(accessToken, openid, signature), null);
    }

    /**
     * {@code auth.resetUserSessionKey}: WeChat gives the user a new session_key, proven by a signature
     * under the one it holds now (87009 when it does not); the new key. Its expiry stays the old key's.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/ResetUserSessionKey.html
     *
     * @param signature HMAC-SHA256 of the empty string under the current session_key, lower-case hex
     */
    public String resetUserSessionKey(String accessToken, String openid, String signature) {
        JsonNode body = withRetry(RESET_SESSION_KEY, loginState(accessToken, openid, signature), null);
        String key = PlatformJson.text(body, "session_key");
        if (key == null) {
            throw new WeChatUnavailable(RESET_SESSION_KEY, "answer has no session_key", null);
        }
        return key;
    }

    /**
     * {@code internet.getUserEncryptKey}: the user's last three encrypt keys of the encrypted network
     * channel, each living 3,600 s, newest first. All parameters go in the query, signed as
     * {@link #checkSession} is; WeChat's current page says GET (its older one POST with an empty body).
     * https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/internet/api_getuserencryptkey
     */
    public List<PlatformEncryptKey> userEncryptKeys(String accessToken, String openid, String signature) {
        JsonNode body = withRetry(USER_ENCRYPT_KEY, loginState(accessToken, openid, signature), null);
        JsonNode list = body.get("key_info_list");
        if (list == null || !list.isArray()) {
            throw new WeChatUnavailable(USER_ENCRYPT_KEY, "answer has no key_info_list", null);
        }
        Instant now = clock.instant();
        List<PlatformEncryptKey> keys = new ArrayList<>();
        for (JsonNode item : list) {
            String key = item.isObject() ? PlatformJson.text(item, "encrypt_key") : null;
            String iv = key == null ? null : PlatformJson.text(item, "iv");
            JsonNode version = item.get("version");
            JsonNode expireIn = item.get("expire_in");
            JsonNode created = item.get("create_time");
            if (iv == null
                    || version == null
                    || !version.canConvertToLong()
                    || expireIn == null
                    || !expireIn.isNumber()
                    || created == null
                    || !created.isNumber()) {
                throw new WeChatUnavailable(USER_ENCRYPT_KEY, "a key_info_list entry lacks its fields", null);
            }
            keys.add(new PlatformEncryptKey(
                    version.asLong(),
                    key,
                    iv,
                    Instant.ofEpochSecond(created.asLong()),
                    now.plusSeconds(Math.max(0, expireIn.asLong()))));
        }
        keys.sort(Comparator.comparingLong(PlatformEncryptKey::version).reversed());
        return keys;
    }

    /** The query of the login-state APIs: the access token, the user and the session_key's signature. */
    private static Map<String, String> loginState(String accessToken, String openid, String signature) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", accessToken);
        query.put("signature", signature);
        query.put("openid", openid);
        query.put("sig_method", "hmac_sha256");
        return query;
    }

    /**
     * {@code getUserRiskRank}: WeChat's security rank of the user, 0 to 4 (higher is riskier), for the
     * scene given (0: sign-up). WeChat answers 61010 when the user has not visited the mini program
     * lately; that comes out as a {@link WeChatError} like any refusal. The answer's request id
     * ({@code unoin_id}, so spelled) is not kept.
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/safety-control-capability/wxaapi_getuserriskrank.html
     *
     * @param clientIp the user's address as this service sees it (required by WeChat)
     */
    public int riskRank(String accessToken, String appId, String openid, int scene, String clientIp) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("appid", appId);
        request.put("openid", openid);
        request.put("scene", scene);
        request.put("client_ip", clientIp);
        JsonNode body = withRetry(RISK_RANK, Map.of("access_token", accessToken), request);
        JsonNode rank = body.get("risk_rank");
        if (rank == null || !rank.isIntegralNumber() || rank.asInt() < 0 || rank.asInt() > 4) {
            throw new WeChatUnavailable(RISK_RANK, "answer has no risk_rank from 0 to 4", null);
        }
        return rank.asInt();
    }

    private WeChatAccessToken accessToken(String api, JsonNode body) {
        String token = PlatformJson.text(body, "access_token");
        JsonNode expires = body.get("expires_in");
        if (token == null || expires == null || !expires.isNumber() || expires.asLong() <= 0) {
            throw new WeChatUnavailable(api, "answer has no access_token or expires_in", null);
        }
        return new WeChatAccessToken(token, clock.instant().plusSeconds(expires.asLong()));
    }

    private JsonNode withRetry(String api, Map<String, String> query, Map<String, Object> jsonBody) {
        return guard.call(api, timeout -> timed(api, query, jsonBody, timeout));
    }

    /**
     * {@code GET api?query} on this client's host, answered in WeChat's form: the JSON body, or a
     * {@link WeChatError} for a non-zero {@code errcode}, or {@link WeChatUnavailable}; under the API's
     * circuit and the bounded retry of {@code -1}. For the platforms made by {@link #sameApiAt}.
     */
    public JsonNode getJson(String api, Map<String, String> query) {
        return withRetry(api, query, null);
    }

    /** {@link #getJson} without holding a thread while the platform answers or a retry waits. */
    public CompletableFuture<JsonNode> getJsonAsync(String api, Map<String, String> query) {
        return guard.callAsync(api, timeout -> timedAsync(api, query, null, timeout));
    }

    /** The circuit breakers, one per API path (for metrics; see {@link PlatformCallGuard}). */
    public CircuitBreakerRegistry circuits() {
        return guard.circuits();
    }

    /** One try, told to the listener as {@link #timed} tells it. */
    private CompletableFuture<JsonNode> timedAsync(
            String api, Map<String, String> query, Map<String, Object> jsonBody, Duration timeout) {
        long start = System.nanoTime();
        return Futures.capture(() ->
                        http.sendAsync(request(api, query, jsonBody, timeout), HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    String outcome = "unavailable";
                    try {
                        if (failure != null) {
                            throw PlatformRequests.sendFailure(
                                    Futures.unwrap(failure), reason -> new WeChatUnavailable(api, reason, null));
                        }
                        JsonNode body = read(api, response, query, jsonBody);
                        outcome = "0";
                        return body;
                    } catch (WeChatError e) {
                        outcome = Integer.toString(e.errcode());
                        throw e;
                    } finally {
                        listener.called(api, outcome, Duration.ofNanos(System.nanoTime() - start));
                    }
                });
    }

    private JsonNode timed(String api, Map<String, String> query, Map<String, Object> jsonBody, Duration timeout) {
        long start = System.nanoTime();
        String outcome = "unavailable";
        try {
            JsonNode body = call(api, query, jsonBody, timeout);
            outcome = "0";
            return body;
        } catch (WeChatError e) {
            outcome = Integer.toString(e.errcode());
            throw e;
        } finally {
            listener.called(api, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private JsonNode call(String api, Map<String, String> query, Map<String, Object> jsonBody, Duration timeout) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(api, query, jsonBody, timeout), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw PlatformRequests.sendFailure(e, reason -> new WeChatUnavailable(api, reason, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailable(api, "interrupted", null);
        }
        return read(api, response, query, jsonBody);
    }

    private HttpRequest request(String api, Map<String, String> query, Map<String, Object> jsonBody, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(url(api, query)).timeout(timeout).header("Accept", "application/json");
        return jsonBody == null
                ? builder.GET().build()
                : builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(jsonBody)))
                        .build();
    }

    /** WeChat's answer as JSON, or what is wrong with it. */
    private static JsonNode read(
            String api, HttpResponse<byte[]> response, Map<String, String> query, Map<String, Object> jsonBody) {
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
        // Some pages show errcode as a string ("40029", thirdpartyCode2Session's error example): both count.
        int errcode = errcode(body.get("errcode"));
        if (errcode != 0) {
            String errmsg = PlatformJson.text(body, "errmsg");
            throw new WeChatError(api, errcode, withoutSentValues(errmsg == null ? "" : errmsg, query, jsonBody));
        }
        return body;
    }

    /** The errcode, a number or a number in a string; 0 when absent or not a number. */
    private static int errcode(JsonNode errcode) {
        if (errcode == null) {
            return 0;
        }
        if (errcode.isNumber()) {
            return errcode.asInt();
        }
        if (errcode.isString()) {
            try {
                return Integer.parseInt(errcode.asString().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * WeChat's errmsg with every secret-bearing value this request sent (secret, code, access token)
     * masked, should WeChat ever echo one: the errmsg goes into exception messages and log lines.
     */
    private static String withoutSentValues(String errmsg, Map<String, String> query, Map<String, Object> jsonBody) {
        String out = errmsg;
        for (Map<String, ?> sent : jsonBody == null ? List.of(query) : List.of(query, jsonBody)) {
            for (String key : List.of(
                    "secret",
                    "corpsecret",
                    "js_code",
                    "code",
                    "access_token",
                    "component_access_token",
                    "component_appsecret",
                    "component_verify_ticket",
                    "signature")) {
                Object value = sent.get(key);
                if (value instanceof String v && !v.isEmpty()) {
                    out = out.replace(v, "***");
                }
            }
        }
        return out;
    }

    private URI url(String api, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        String base = baseUrl.get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + api + (query.isEmpty() ? "" : "?" + q));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
