package io.github.wxlogin.server.api;

import io.github.wxlogin.core.user.Account;
import java.time.temporal.ChronoUnit;

/** The contract's user object. */
record UserJson(String id, String openid, String unionid, String phoneNumber, String countryCode,
        String nickname, String avatarUrl, String createdAt) {

    static UserJson of(Account account) {
        var user = account.user();
        return new UserJson(user.id(), account.identity().openid(), account.identity().unionid().orElse(null),
                user.phoneNumber().orElse(null), user.countryCode().orElse(null), user.nickname().orElse(null),
                user.avatarUrl().orElse(null), user.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
