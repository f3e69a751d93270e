package io.github.wxlogin.core.alipay;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.core.platform.PlatformCallGuard;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformRequests;
import io.github.wxlogin.core.support.Futures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * Alipay's open-platform gateway ({@code POST {base}/gateway.do}), over the JDK {@link HttpClient}, for
 * the one call a login needs: {@code alipay.system.oauth.token}, an auth code for the user's id.
 * https://opendocs.alipay.com/apis/api_9/alipay.system.oauth.token
 *
 * <p>As Alipay's own SDK sends it: the common parameters ({@code app_id, method, format=JSON,
 * charset=utf-8, sign_type=RSA2, timestamp} in Beijing time, {@code version=1.0, sign}) in the query
 * string, the call's own ({@code grant_type, code}) in the form body, and the RSA2 signature over all
 * of them ({@link AlipaySignatures#content}). The answer is trusted only once its {@code sign} verifies
 * under Alipay's public key over the exact text of {@code alipay_system_oauth_token_response} (or
 * {@code error_response}) as it came ({@link RawJsonMembers}); an answer that does not is refused, never
 * read ({@link AlipayUnavailable#untrusted()}). Only that verified text is parsed.
 *
 * <p>The access and refresh tokens in the answer are never kept, logged or passed on: the service needs
 * only the user's id. No message or log line here holds the code, a key or a token.
 */
public final class AlipayClient {

    static final String GATEWAY = "/gateway.do";
    static final String OAUTH_TOKEN = "alipay.system.oauth.token";
    static final String RESPONSE = "alipay_system_oauth_token_response";
    static final String ERROR_RESPONSE = "error_response";
    static final String SUCCESS = "10000";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<URI> baseUrl;
    private final Clock clock;
    private final HttpClient http;
    private final PlatformCallGuard guard;

    /**
     * @param baseUrl where Alipay's gateway is ({@code https://openapi.alipay.com}, or the simulator's
     *     {@code …/alipay}), asked on each call
     */
    public AlipayClient(Supplier<URI> baseUrl, PlatformHttpSettings settings, Clock clock, CallPause pause) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.guard =
                new PlatformCallGuard("Alipay", settings, clock, pause, List.of(OAUTH_TOKEN), AlipayUnavailable::new);
        this.http = settings.httpClient();
    }

    /** The user's ids as {@code alipay.system.oauth.token} gave them; either may be missing. */
    public record AlipayUser(Optional<String> userId, Optional<String> openId) {

        @Override
        public String toString() {
            return "AlipayUser[userId=" + userId.orElse("-") + ", openId=" + openId.orElse("-") + "]";
        }
    }

    /**
     * {@code alipay.system.oauth.token} with {@code grant_type=authorization_code}: the user behind the
     * client's auth code ({@code my.getAuthCode}). The future fails with {@link AlipayError} (Alipay
     * refused, in an answer it signed) or {@link AlipayUnavailable}; busy answers are tried again
     * within the bounds of the settings.
     */
    public CompletableFuture<AlipayUser> oauthTokenAsync(AlipayApp app, String code) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        return guard.callAsync(OAUTH_TOKEN, timeout -> oneTry(app, params, timeout))
                .thenApply(body -> new AlipayUser(text(body, "user_id"), text(body, "open_id")));
    }

    /** The circuit, for metrics. */
    public CircuitBreakerRegistry circuits() {
        return guard.circuits();
    }

    /** One signed request (a fresh timestamp each try) and its verified answer. */
    private CompletableFuture<JsonNode> oneTry(AlipayApp app, Map<String, String> params, Duration timeout) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("app_id", app.appId());
        common.put("method", OAUTH_TOKEN);
        common.put("format", "JSON");
        common.put("charset", "utf-8");
        common.put("sign_type", "RSA2");
        common.put("timestamp", TIMESTAMP.format(clock.instant()));
        common.put("version", "1.0");
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(params);
        common.put("sign", AlipaySignatures.sign(AlipaySignatures.content(all), app.privateKey()));

        HttpRequest request = HttpRequest.newBuilder(url(common))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(PlatformRequests.form(params), StandardCharsets.UTF_8))
                .build();
        return Futures.capture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw PlatformRequests.sendFailure(
                                Futures.unwrap(failure), reason -> new AlipayUnavailable(OAUTH_TOKEN, reason, null));
                    }
                    return read(app, response, params);
                });
    }

    /** The verified response object, or what is wrong with the answer. */
    private static JsonNode read(AlipayApp app, HttpResponse<byte[]> response, Map<String, String> sent) {
        if (response.statusCode() != 200) {
            throw new AlipayUnavailable(OAUTH_TOKEN, "HTTP " + response.statusCode(), null);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Map<String, String> members;
        try {
            members = RawJsonMembers.of(body);
        } catch (IllegalArgumentException e) {
            throw new AlipayUnavailable(OAUTH_TOKEN, "answer is not one JSON object", null);
        }
        boolean errorRoot = !members.containsKey(RESPONSE);
        String signed = errorRoot ? members.get(ERROR_RESPONSE) : members.get(RESPONSE);
        if (signed == null) {
            throw new AlipayUnavailable(OAUTH_TOKEN, "answer has neither " + RESPONSE + " nor " + ERROR_RESPONSE, null);
        }
        Optional<String> sign = Optional.ofNullable(members.get("sign")).flatMap(AlipayClient::jsonString);
        boolean verified = sign.isPresent() && verifies(signed, sign.get(), app);
        JsonNode object = parseObject(signed);
        String code = text(object, "code").orElse(errorRoot ? "" : SUCCESS);
        if (!errorRoot && SUCCESS.equals(code)) {
            if (!verified) {
                throw AlipayUnavailable.untrusted(
                        OAUTH_TOKEN,
                        sign.isEmpty()
                                ? "answer carries no sign: refused"
                                : "answer's sign does not verify under Alipay's public key: refused");
            }
            return object;
        }
        String subCode = text(object, "sub_code").orElse("");
        if (!verified) {
            // An error Alipay did not sign (it cannot sign for an appid it does not know) says nothing
            // that can be trusted, not even which error it is.
            throw AlipayUnavailable.untrusted(
                    OAUTH_TOKEN,
                    (sign.isEmpty() ? "an unsigned" : "a wrongly signed") + " error answer (code " + code
                            + (subCode.isEmpty() ? "" : ", sub_code " + subCode) + ") is not trusted");
        }
        throw new AlipayError(
                OAUTH_TOKEN,
                code,
                masked(text(object, "msg").orElse(""), sent),
                subCode,
                masked(text(object, "sub_msg").orElse(""), sent));
    }

    /**
     * Over the text as sent; then, as Alipay's SDK does (AbstractAlipayClient#checkResponseSign), over it
     * with {@code \/} read as {@code /}, since a JSON writer may escape the slash after signing.
     */
    private static boolean verifies(String text, String sign, AlipayApp app) {
        return AlipaySignatures.verify(text, sign, app.alipayPublicKey())
                || text.contains("\\/")
                        && AlipaySignatures.verify(text.replace("\\/", "/"), sign, app.alipayPublicKey());
    }

    private static JsonNode parseObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new AlipayUnavailable(OAUTH_TOKEN, "answer's response is not a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            throw new AlipayUnavailable(OAUTH_TOKEN, "answer's response is not JSON", null);
        }
    }

    /** A raw JSON string member's value, decoded; empty for anything else. */
    private static Optional<String> jsonString(String raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isString() && !node.asString().isBlank()
                    ? Optional.of(node.asString())
                    : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Alipay's text with every value this request sent (the code among them) masked out. */
    private static String masked(String text, Map<String, String> sent) {
        String out = text;
        for (String value : sent.values()) {
            if (value != null && value.length() >= 4) {
                out = out.replace(value, "***");
            }
        }
        return out;
    }

    private URI url(Map<String, String> query) {
        return PlatformRequests.url(baseUrl.get(), GATEWAY + "?" + PlatformRequests.form(query));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        String v = n.isString() ? n.asString() : n.isNumber() ? n.asString() : null;
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
