package io.github.wxlogin.server.config;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import java.util.EnumSet;
import java.util.Set;

/**
 * The platforms this build serves: each has a {@link PlatformSupport} bean. Checked at start, before
 * anything is written, so an app of a platform still to come is one sentence and exit code 2, not a
 * data directory made for nothing.
 */
public final class SupportedPlatforms {

    /** Each platform's configuration adds its platform here. */
    static final Set<Platform> SERVED = EnumSet.of(
            Platform.WECHAT,
            Platform.QQ,
            Platform.DOUYIN,
            Platform.ALIPAY,
            Platform.KUAISHOU,
            Platform.WECOM,
            Platform.BAIDU);

    private SupportedPlatforms() {}

    public static void check(Apps apps) {
        for (App app : apps.all()) {
            if (!SERVED.contains(app.platform())) {
                throw new ConfigurationMistake("WXLOGIN_APPS: app " + app.appId() + " is a "
                        + app.platform().id() + " app, and this version serves " + served() + " apps only.");
            }
        }
    }

    private static String served() {
        return String.join(", ", SERVED.stream().map(Platform::id).toList());
    }
}
