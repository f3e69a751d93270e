package io.github.wxlogin.server.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting as an operator knows it: the documented environment variable that
 * {@code application.properties} maps onto a property ({@code wxlogin.rate-limit.per-ip=${WXLOGIN_RATE_LIMIT_PER_IP:300}}),
 * read from that file so the names are written once; otherwise the property itself.
 */
final class SettingNames {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(WXLOGIN_[A-Z0-9_]+)");
    private static final Map<String, String> VARIABLES = load();

    private SettingNames() {}

    /** {@code WXLOGIN_RATE_LIMIT_PER_IP (wxlogin.rate-limit.per-ip)}, or the property alone. */
    static String of(String property) {
        String variable = VARIABLES.get(property);
        return variable == null ? property : variable + " (" + property + ")";
    }

    private static Map<String, String> load() {
        Properties defaults = new Properties();
        try (InputStream in = SettingNames.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> variables = new HashMap<>();
        for (String property : defaults.stringPropertyNames()) {
            Matcher m = VARIABLE.matcher(defaults.getProperty(property));
            if (m.find()) {
                variables.put(property, m.group(1));
            }
        }
        return Map.copyOf(variables);
    }
}
