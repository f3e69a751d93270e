package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The appid + secret check shared by jscode2session, cgi-bin/token and cgi-bin/stable_token, in
 * WeChat's order: a missing appid (41002), a missing secret (41004), an unknown appid (40013), a
 * wrong secret (40125).
 */
final class Credentials {

    private final SimApps apps;
    private final String platform;

    Credentials(SimApps apps) {
        this(apps, "wechat");
    }

    /** Knows only the apps of {@code platform}: WeChat never heard of a QQ appid, nor QQ of WeChat's. */
    Credentials(SimApps apps, String platform) {
        this.apps = apps;
        this.platform = platform;
    }

    /** The app, or the error to answer. */
    Result check(String appId, String secret) {
        if (appId == null || appId.isBlank()) {
            return Result.refused(WxError.APPID_MISSING);
        }
        if (secret == null || secret.isBlank()) {
            return Result.refused(WxError.APPSECRET_MISSING);
        }
        Optional<SimApp> app = apps.find(appId).filter(a -> a.platform().equals(platform));
        if (app.isEmpty()) {
            return Result.refused(WxError.INVALID_APPID);
        }
        boolean same = MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), app.get().secret().getBytes(StandardCharsets.UTF_8));
        return same ? new Result(app, Optional.empty()) : Result.refused(WxError.INVALID_APPSECRET);
    }

    record Result(Optional<SimApp> app, Optional<WxError> error) {
        static Result refused(WxError error) {
            return new Result(Optional.empty(), Optional.of(error));
        }
    }
}
