package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.LoginCodes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of what a client sends to have a login code traded ({@code appId}, {@code code}), before
 * anything is claimed or sent to the platform: the same for a login and for linking an identity.
 */
public final class LoginInputs {

    /** WeChat's codes are 32 printable characters; allow some room, refuse anything else. */
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private LoginInputs() {}

    /**
     * The configured app named by {@code appId}: {@code invalid_request} when it is malformed (or left out
     * while more than one app is configured), {@code unknown_app} when no such app is configured.
     *
     * @param appId may be null when exactly one app is configured
     */
    public static App app(Apps apps, String appId) {
        if (appId == null) {
            return apps.single()
                    .orElseThrow(() ->
                            WxLoginException.invalidRequest("appId is required when more than one app is configured"));
        }
        if (!App.isWellFormedAppId(appId)) {
            throw WxLoginException.invalidRequest("appId is not a well-formed appid");
        }
        return apps.find(appId)
                .orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP, "app " + appId + " is not configured"));
    }

    /** {@code invalid_request} unless the code is 1-128 printable ASCII characters. */
    public static void checkCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw WxLoginException.invalidRequest("code must be 1-128 printable ASCII characters");
        }
    }

    /**
     * A login's codes, each checked for its form: the {@code code}, Douyin's {@code anonymousCode}, or both
     * (either may be null, not both). A missing code is named as before there were anonymous codes.
     */
    public static LoginCodes codes(String code, String anonymousCode) {
        if (anonymousCode == null || code != null) {
            checkCode(code);
        }
        if (anonymousCode != null && !CODE.matcher(anonymousCode).matches()) {
            throw WxLoginException.invalidRequest("anonymousCode must be 1-128 printable ASCII characters");
        }
        return new LoginCodes(Optional.ofNullable(code), Optional.ofNullable(anonymousCode));
    }
}
