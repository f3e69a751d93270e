package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;

/** The platform an identity belongs to: that of its app. */
final class Platforms {

    private Platforms() {}

    /**
     * The platform's id ({@code "wechat"}, …) of the app {@code appId}. An identity of an app that is no
     * longer configured is listed as WeChat's: the only platform before apps had one.
     */
    static String of(Apps apps, String appId) {
        return apps.find(appId).map(App::platform).orElse(Platform.WECHAT).id();
    }
}
