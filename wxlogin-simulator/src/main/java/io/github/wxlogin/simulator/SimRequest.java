package io.github.wxlogin.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to the simulator, free of any transport.
 *
 * @param method   the HTTP method; upper-cased here
 * @param path     the path relative to the simulator's base, e.g. {@code /sns/jscode2session};
 *                 {@code null} or empty means {@code /}, a trailing slash is dropped
 * @param rawQuery the query string as sent, still percent-encoded; may be {@code null}
 * @param body     the request body; {@code null} means empty. Copied, so later changes to the
 *                 caller's array do not reach the simulator
 * @param headers  the request's headers, one value each, looked up without regard to case; for the
 *                 platforms whose APIs take a credential in a header (Douyin's {@code access-token})
 */
public record SimRequest(String method, String path, String rawQuery, byte[] body, Map<String, String> headers) {

    public SimRequest {
        Objects.requireNonNull(method, "method");
        method = method.strip().toUpperCase(Locale.ROOT);
        path = normalize(path);
        body = body == null ? new byte[0] : body.clone();
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseless.putAll(headers);
        }
        headers = java.util.Collections.unmodifiableMap(caseless);
    }

    /** A request without headers. */
    public SimRequest(String method, String path, String rawQuery, byte[] body) {
        this(method, path, rawQuery, body, Map.of());
    }

    /** A header's value, its name in any case. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A request without a body. */
    public static SimRequest of(String method, String path, String rawQuery) {
        return new SimRequest(method, path, rawQuery, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    byte[] bodyView() {
        return body;
    }

    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String p = path.startsWith("/") ? path : "/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public String toString() {
        // The query and the headers carry secrets (secret, access_token, js_code): never print them.
        return "SimRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
