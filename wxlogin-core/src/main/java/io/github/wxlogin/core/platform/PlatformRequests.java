package io.github.wxlogin.core.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * What the platform clients' calls have in common, in one place: the URL of an API path under a
 * configured base, a form body, a failed send described by its type only, and a platform's text with the
 * request's secrets masked.
 */
public final class PlatformRequests {

    private PlatformRequests() {}

    /** {@code path} (starting with {@code /}) under {@code base}, whether or not the base ends in {@code /}. */
    public static URI url(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    /** The fields as {@code application/x-www-form-urlencoded}, UTF-8, in the map's order. */
    public static String form(Map<String, String> fields) {
        StringJoiner out = new StringJoiner("&");
        fields.forEach((k, v) -> out.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /**
     * A send that failed, as the platform's unavailability described by the failure's type only (an
     * {@link IOException}'s message may quote the URI, and with it a secret in the query): timed out,
     * connection failed, or failed. A {@link RuntimeException} (the client's own) stays what it is.
     *
     * @param unavailable the platform's unavailability with this reason
     */
    public static RuntimeException sendFailure(Throwable failure, Function<String, RuntimeException> unavailable) {
        if (failure instanceof HttpTimeoutException) {
            return unavailable.apply("timed out");
        }
        if (failure instanceof IOException) {
            return unavailable.apply("connection failed (" + failure.getClass().getSimpleName() + ")");
        }
        if (failure instanceof RuntimeException e) {
            return e;
        }
        return unavailable.apply("failed (" + failure.getClass().getSimpleName() + ")");
    }

    /** A platform's text with the values of the request's {@code secretFields} masked, should it echo one. */
    public static String masked(String text, Map<String, String> request, Collection<String> secretFields) {
        String out = text;
        for (String field : secretFields) {
            String value = request.get(field);
            if (value != null && !value.isEmpty()) {
                out = out.replace(value, "***");
            }
        }
        return out;
    }
}
