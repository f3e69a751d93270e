package io.github.wxlogin.server.api;

import io.github.wxlogin.core.user.Account;

/** The contract's user object. */
record UserJson(
        String id,
        String openid,
        String unionid,
        String phoneNumber,
        String countryCode,
        String nickname,
        String avatarUrl,
        String createdAt) {

    static UserJson of(Account account) {
        var user = account.user();
        return new UserJson(
                user.id(),
                account.identity().openid(),
                account.identity().unionid().orElse(null),
                user.phoneNumber().orElse(null),
                user.countryCode().orElse(null),
                user.nickname().orElse(null),
                user.avatarUrl().orElse(null),
                IsoTimes.of(user.createdAt()));
    }
}
