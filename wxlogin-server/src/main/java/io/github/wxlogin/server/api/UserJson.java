package io.github.wxlogin.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.user.Account;

/**
 * The contract's user object. {@code platform} is the platform of the app the caller's identity is in;
 * {@code anonymous} is there (true) only for a guest (a Douyin anonymous user).
 */
record UserJson(
        String id,
        String platform,
        String openid,
        String unionid,
        String phoneNumber,
        String countryCode,
        String nickname,
        String avatarUrl,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean anonymous) {

    static UserJson of(Account account, Apps apps) {
        var user = account.user();
        return new UserJson(
                user.id(),
                platformOf(account.identity().appId(), apps),
                account.identity().openid(),
                account.identity().unionid().orElse(null),
                user.phoneNumber().orElse(null),
                user.countryCode().orElse(null),
                user.nickname().orElse(null),
                user.avatarUrl().orElse(null),
                IsoTimes.of(user.createdAt()),
                account.identity().anonymous() ? Boolean.TRUE : null);
    }

    /** The platform of an app; an app no longer configured was a WeChat one (the only platform before). */
    static String platformOf(String appId, Apps apps) {
        return apps.find(appId).map(a -> a.platform()).orElse(Platform.WECHAT).id();
    }
}
