package io.github.wxlogin.core.alipay;

import java.util.Locale;
import java.util.Optional;

/**
 * Which of Alipay's user ids is the user's id in an app (the {@code openid} of the user object).
 * {@code alipay.system.oauth.token} answers {@code user_id} (2088…, the same in every app) for apps in
 * user_id mode and {@code open_id} (per app) for apps in openid mode, a setting of the app in Alipay's
 * console (开发设置 > openid配置管理).
 */
public enum AlipayIdMode {
    /** {@code user_id}; an answer without one is refused (the console says openid mode). */
    USER_ID,
    /** {@code open_id}; an answer without one is refused (the console says user_id mode). */
    OPEN_ID,
    /** Whichever the answer has, {@code open_id} when it has both. */
    AUTO;

    /** {@code user_id}, {@code open_id} or {@code auto}, in any case; empty for anything else. */
    public static Optional<AlipayIdMode> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "user_id", "userid" -> Optional.of(USER_ID);
            case "open_id", "openid" -> Optional.of(OPEN_ID);
            case "auto", "" -> Optional.of(AUTO);
            default -> Optional.empty();
        };
    }
}
