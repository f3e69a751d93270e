package io.github.wxlogin.server.startup;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code --dev}, and settings as {@code --name=value}. Spring ignores any other
 * argument without a word, so {@code dev} (dashes forgotten) or a JVM option written after
 * {@code -jar} ({@code -Dserver.port=9000}) would start a service configured otherwise than meant:
 * such an argument is a {@link ConfigurationMistake}.
 */
public record Arguments(boolean dev, List<String> settings) {

    public static final String DEV = "--dev";

    public Arguments {
        settings = List.copyOf(settings);
    }

    public static Arguments parse(String... args) {
        boolean dev = false;
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(DEV)) {
                dev = true;
            } else if (arg.startsWith("--") && arg.length() > 2) {
                settings.add(arg);
            } else {
                throw new ConfigurationMistake(refusal(arg));
            }
        }
        return new Arguments(dev, settings);
    }

    /** The sentence for an argument that is not a setting; a value after '=' is not quoted (it may be a secret). */
    private static String refusal(String arg) {
        int equals = arg.indexOf('=');
        String shown = equals < 0 ? arg : arg.substring(0, equals + 1) + "…";
        String hint;
        if (arg.startsWith("-D") || arg.startsWith("-X")) {
            hint = "a JVM option goes before -jar (java " + shown + " -jar …, or JAVA_OPTS for bin/wxlogin),"
                    + " or write the setting as --name=value";
        } else if (arg.equals("dev") || arg.equals("-dev")) {
            hint = "did you mean --dev?";
        } else {
            hint = "settings are written --name=value, e.g. --server.port=9000";
        }
        return "wxlogin takes no argument '" + shown + "': " + hint + " (wxlogin --help).";
    }

    public String[] springArgs() {
        return settings.toArray(String[]::new);
    }
}
