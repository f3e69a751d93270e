package io.github.wxlogin.core.app;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One mini program: the platform it runs on, its appid, its secret, and optionally the group it
 * belongs to (apps of one platform in one group share unionids). {@link #toString()} never shows the
 * secret.
 */
public record App(Platform platform, String appId, String secret, Optional<String> group) {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Printable ASCII without spaces: a space or newline means two entries were run together. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{1,256}");

    public App {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(group, "group");
        if (!APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException("an appid is 1-64 letters, digits, '-' or '_'");
        }
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException(
                    "app " + appId
                            + " has an empty secret or one with spaces or control characters (entries are separated by commas)");
        }
        if (group.isPresent() && !GROUP.matcher(group.get()).matches()) {
            throw new IllegalArgumentException(
                    "app " + appId + " has a group that is not 1-64 letters, digits, '-' or '_'");
        }
        if (platform != Platform.WECHAT && group.isPresent() && group.get().length() > 48) {
            throw new IllegalArgumentException("app " + appId + " has a group longer than 48 characters");
        }
    }

    /** A WeChat app, as every app was before the other platforms. */
    public App(String appId, String secret, Optional<String> group) {
        this(Platform.WECHAT, appId, secret, group);
    }

    /**
     * The key under which this app's unionids join users: the group itself for WeChat (as stored
     * before there were other platforms), prefixed with the platform otherwise, so a QQ group and a
     * Douyin group of the same name never share users. Empty when the app has no group.
     */
    public Optional<String> unionGroup() {
        return platform == Platform.WECHAT ? group : group.map(g -> platform.id() + ":" + g);
    }

    public static boolean isWellFormedAppId(String appId) {
        return appId != null && APP_ID.matcher(appId).matches();
    }

    @Override
    public String toString() {
        return "App[platform=" + platform.id() + ", appId=" + appId + ", secret=***, group=" + group.orElse("-") + "]";
    }
}
