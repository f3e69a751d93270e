package io.github.wxlogin.core.identity;

import io.github.wxlogin.core.app.Apps;

/** The platform an identity belongs to: that of its app. */
final class Platforms {

    private Platforms() {}

    /**
     * The platform's id ({@code "wechat"}, …) of the app {@code appId}. Every app is a WeChat app for now;
     * an identity of an app that is no longer configured is listed as WeChat's too.
     */
    static String of(Apps apps, String appId) {
        return "wechat";
    }
}
