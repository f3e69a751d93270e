package io.github.wxlogin.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Query-string parameters. The first occurrence of a name wins; a name without '=' has the value "". */
final class Query {

    private final Map<String, String> params;

    private Query(Map<String, String> params) {
        this.params = params;
    }

    static Query parse(String rawQuery) {
        Map<String, String> map = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                map.putIfAbsent(name, value);
            }
        }
        return new Query(map);
    }

    /** The value, or {@code null} when absent. */
    String get(String name) {
        return params.get(name);
    }

    /** The value when present and not blank, else {@code null}. */
    String nonBlank(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a broken %-escape: keep the text as sent rather than refuse the whole query
        }
    }
}
