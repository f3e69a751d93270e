package io.github.wxlogin.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One mini program the simulator stands in for: its platform ({@link #PLATFORMS}), its appid, its
 * secret, and optionally the group it belongs to (apps of one platform in one group see one unionid per
 * user). {@link #toString()} never shows the secret.
 */
public record SimApp(String platform, String appId, String secret, Optional<String> group) {

    /** The platforms the contract names; WeChat's apps are configured without the word. */
    public static final List<String> PLATFORMS =
            List.of("wechat", "qq", "douyin", "alipay", "baidu", "kuaishou", "wecom");

    /** Letters, digits, '-' and '_': the shape of an appid, and of a group name here. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Printable ASCII without spaces: a space or a newline means two entries ran together. */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{1,256}");

    public SimApp {
        Objects.requireNonNull(platform, "platform");
        if (!PLATFORMS.contains(platform)) {
            throw new IllegalArgumentException("a platform is one of " + String.join(", ", PLATFORMS));
        }
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

    /** A WeChat app. */
    public SimApp(String appId, String secret, Optional<String> group) {
        this("wechat", appId, secret, group);
    }

    public boolean isWeChat() {
        return platform.equals("wechat");
    }

    /**
     * The scope of this app's unionids: the group for WeChat, the platform and the group otherwise, so
     * apps of two platforms never share a unionid even in groups of one name. Empty without a group.
     */
    public Optional<String> unionGroup() {
        return isWeChat() ? group : group.map(g -> platform + ":" + g);
    }

    @Override
    public String toString() {
        return "SimApp[platform=" + platform + ", appId=" + appId + ", secret=***, group=" + group.orElse("-") + "]";
    }
}
