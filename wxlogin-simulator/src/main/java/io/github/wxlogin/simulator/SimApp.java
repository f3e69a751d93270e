package io.github.wxlogin.simulator;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One mini program the simulator stands in for: its appid, its secret, and optionally the
 * open-platform group it belongs to (apps of one group see one unionid per user).
 * {@link #toString()} never shows the secret.
 */
public record SimApp(String appId, String secret, Optional<String> group) {

    /** Letters, digits, '-' and '_': the shape of an appid, and of a group name here. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Printable ASCII without spaces: a space or a newline means two entries ran together. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{1,256}");

    public SimApp {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(group, "group");
        if (!NAME.matcher(appId).matches()) {
            throw new IllegalArgumentException("an appid is 1-64 letters, digits, '-' or '_'");
        }
        // The messages name the app by its appid, never by its secret.
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException(
                    "app " + appId
                            + " has an empty secret or one with spaces or control characters (entries are separated by commas)");
        }
        if (group.isPresent() && !NAME.matcher(group.get()).matches()) {
            throw new IllegalArgumentException(
                    "app " + appId + " has a group that is not 1-64 letters, digits, '-' or '_'");
        }
    }

    @Override
    public String toString() {
        return "SimApp[appId=" + appId + ", secret=***, group=" + group.orElse("-") + "]";
    }
}
