package io.github.wxlogin.core.douyin;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformCallGuard;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformJson;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.platform.PlatformRequests;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import java.io.IOException;
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
 * The server-side Douyin APIs the service calls, over the JDK {@link HttpClient}, on two hosts:
 * {@code developer.toutiao.com} (code2Session) and {@code open.douyin.com} (the client token and the
 * phone number). Every call is a JSON POST under the {@link PlatformCallGuard} (a circuit per API, bounded
 * retries of Douyin's "try again" answers); failures come out as {@link DouyinError} (Douyin said no) or
 * {@link DouyinUnavailable} (Douyin could not be asked). The secret, the codes and the client token travel
 * in bodies and headers, never in a URL, and are masked out of any text of Douyin's that is kept.
 */
public final class DouyinClient {

    /** https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/log-in/code-2-session */
    static final String CODE2SESSION = "/api/apps/v2/jscode2session";
    /** https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/server/interface-request-credential/non-user-authorization/get-client_token */
    static final String CLIENT_TOKEN = "/oauth/client_token/";
    /** The getPhoneNumber button's code exchanged for the RSA-encrypted number (open.douyin.com). */
    static final String PHONE_NUMBER = "/api/apps/v1/get_phonenumber_info/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<URI> baseUrl;
    private final Supplier<URI> openBaseUrl;
    private final Clock clock;
    private final PlatformCallGuard guard;
    private final HttpClient http;

    /**
     * @param baseUrl where {@code developer.toutiao.com} is (in dev mode the simulator's {@code /douyin})
     * @param openBaseUrl where {@code open.douyin.com} is (likewise)
     */
    public DouyinClient(
            Supplier<URI> baseUrl,
            Supplier<URI> openBaseUrl,
            PlatformHttpSettings settings,
            Clock clock,
            CallPause pause) {
        this.baseUrl = baseUrl;
        this.openBaseUrl = openBaseUrl;
        this.clock = clock;
        this.guard = new PlatformCallGuard(
                "Douyin",
                settings,
                clock,
                pause,
                List.of(CODE2SESSION, CLIENT_TOKEN, PHONE_NUMBER),
                DouyinUnavailable::new);
        this.http = settings.httpClient();
    }

    /**
     * code2Session v2: the login code and/or the anonymous code of {@code tt.login()} for the user's
     * openid, session_key and unionid (only with a code) and the device's anonymous_openid (only with an
     * anonymous code). No thread waits for Douyin; the future fails with {@link DouyinError} or
     * {@link DouyinUnavailable}.
     */
    public CompletableFuture<PlatformLogin> code2SessionAsync(App app, LoginCodes codes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", app.appId());
        body.put("secret", app.secret());
        codes.code().ifPresent(c -> body.put("code", c));
        codes.anonymousCode().ifPresent(c -> body.put("anonymous_code", c));
        URI url = url(baseUrl, CODE2SESSION);
        return guard.callAsync(CODE2SESSION, timeout -> sendAsync(CODE2SESSION, url, body, Map.of(), timeout))
                .thenApply(answer -> login(answer, codes));
    }

    private static PlatformLogin login(JsonNode answer, LoginCodes codes) {
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw new DouyinUnavailable(CODE2SESSION, "answer has no data");
        }
        Optional<PlatformSession> session = Optional.empty();
        if (codes.code().isPresent()) {
            String openid = PlatformJson.text(data, "openid");
            String sessionKey = PlatformJson.text(data, "session_key");
            if (openid == null || sessionKey == null) {
                throw new DouyinUnavailable(CODE2SESSION, "answer has no openid or session_key");
            }
            session = Optional.of(
                    new PlatformSession(openid, sessionKey, Optional.ofNullable(PlatformJson.text(data, "unionid"))));
        }
        Optional<String> anonymousOpenid = Optional.empty();
        if (codes.anonymousCode().isPresent()) {
            anonymousOpenid = Optional.ofNullable(PlatformJson.text(data, "anonymous_openid"));
            if (anonymousOpenid.isEmpty()) {
                throw new DouyinUnavailable(CODE2SESSION, "answer has no anonymous_openid");
            }
        }
        return new PlatformLogin(session, anonymousOpenid);
    }

    /**
     * The app's client token ({@code client_credential} with the appid as client_key and the secret as
     * client_secret), good for 2 hours; fetching another retires this one after 5 minutes.
     */
    public WeChatAccessToken clientToken(App app) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_key", app.appId());
        body.put("client_secret", app.secret());
        body.put("grant_type", "client_credential");
        URI url = url(openBaseUrl, CLIENT_TOKEN);
        JsonNode data = guard.call(CLIENT_TOKEN, timeout -> send(CLIENT_TOKEN, url, body, Map.of(), timeout))
                .get("data");
        String token = data == null ? null : PlatformJson.text(data, "access_token");
        JsonNode expires = data == null ? null : data.get("expires_in");
        if (token == null || expires == null || !expires.isNumber() || expires.asLong() <= 0) {
            throw new DouyinUnavailable(CLIENT_TOKEN, "answer has no access_token or expires_in");
        }
        return new WeChatAccessToken(token, clock.instant().plusSeconds(expires.asLong()));
    }

    /**
     * get_phonenumber_info: the getPhoneNumber button's code for the phone number, base64 of its RSA
     * ciphertext under the public key the developer uploaded ({@link DouyinPhoneCipher} opens it).
     */
    public String phoneNumberData(String clientToken, String code) {
        URI url = url(openBaseUrl, PHONE_NUMBER);
        Map<String, Object> body = Map.of("code", code);
        JsonNode answer = guard.call(
                PHONE_NUMBER, timeout -> send(PHONE_NUMBER, url, body, Map.of("access-token", clientToken), timeout));
        String data = PlatformJson.text(answer, "data");
        if (data == null) {
            throw new DouyinUnavailable(PHONE_NUMBER, "answer has no data");
        }
        return data;
    }

    /** The circuit breakers, one per API path (for metrics). */
    public CircuitBreakerRegistry circuits() {
        return guard.circuits();
    }

    private CompletableFuture<JsonNode> sendAsync(
            String api, URI url, Map<String, Object> body, Map<String, String> headers, Duration timeout) {
        return Futures.capture(() ->
                        http.sendAsync(request(url, body, headers, timeout), HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw PlatformRequests.sendFailure(
                                Futures.unwrap(failure), reason -> new DouyinUnavailable(api, reason));
                    }
                    return read(api, response, body, headers);
                });
    }

    private JsonNode send(
            String api, URI url, Map<String, Object> body, Map<String, String> headers, Duration timeout) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(url, body, headers, timeout), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DouyinUnavailable(api, "interrupted");
        } catch (IOException e) {
            throw PlatformRequests.sendFailure(e, reason -> new DouyinUnavailable(api, reason));
        }
        return read(api, response, body, headers);
    }

    private static HttpRequest request(
            URI url, Map<String, Object> body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        headers.forEach(builder::header);
        return builder.build();
    }

    /**
     * Douyin's answer as JSON, or what is wrong with it. Errors come two ways: {@code err_no} (and
     * {@code err_tips} or {@code err_msg}) at the top, as the mini program APIs answer, or
     * {@code data.error_code} (and {@code data.description}), as {@code /oauth/client_token/} does.
     */
    private static JsonNode read(
            String api, HttpResponse<byte[]> response, Map<String, Object> body, Map<String, String> headers) {
        if (response.statusCode() != 200) {
            throw new DouyinUnavailable(api, "HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new DouyinUnavailable(api, "answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new DouyinUnavailable(api, "answer is not a JSON object");
        }
        JsonNode errNo = answer.get("err_no");
        if (errNo != null && errNo.isNumber() && errNo.asLong() != 0) {
            String tips = Optional.ofNullable(PlatformJson.text(answer, "err_tips"))
                    .orElseGet(() -> PlatformJson.text(answer, "err_msg"));
            throw new DouyinError(api, errNo.asLong(), masked(tips, body, headers));
        }
        JsonNode data = answer.get("data");
        JsonNode errorCode = data != null && data.isObject() ? data.get("error_code") : null;
        if (errorCode != null && errorCode.isNumber() && errorCode.asLong() != 0) {
            throw new DouyinError(
                    api, errorCode.asLong(), masked(PlatformJson.text(data, "description"), body, headers));
        }
        return answer;
    }

    /** What a request sends that must stay out of every message: the secret, the codes, the token. */
    private static final List<String> SECRET_FIELDS =
            List.of("secret", "client_secret", "code", "anonymous_code", "access-token");

    /** Douyin's text with every secret-bearing value this request sent masked, should it ever echo one. */
    private static String masked(String tips, Map<String, Object> body, Map<String, String> headers) {
        String out = tips == null ? "" : tips;
        for (Map<String, ?> sent : List.of(body, headers)) {
            for (String field : SECRET_FIELDS) {
                if (sent.get(field) instanceof String v && !v.isEmpty()) {
                    out = out.replace(v, "***");
                }
            }
        }
        return out;
    }

    private static URI url(Supplier<URI> base, String path) {
        return PlatformRequests.url(base.get(), path);
    }
}
