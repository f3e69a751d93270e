package io.github.wxlogin.core.user;

import java.util.Objects;

/**
 * What an anonymous code's exchange says, for {@link GuestStore#recordGuest}: the app, the device's
 * anonymous openid, and the id to give the guest's user if this login has to create it.
 */
public record GuestClaim(String appId, String anonymousOpenid, String newUserId) {

    public GuestClaim {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(anonymousOpenid, "anonymousOpenid");
        Objects.requireNonNull(newUserId, "newUserId");
    }
}
