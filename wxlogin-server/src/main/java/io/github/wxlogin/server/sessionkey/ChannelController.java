package io.github.wxlogin.server.sessionkey;

import io.github.wxlogin.core.channel.ChannelService;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.server.ratelimit.UserRateLimits;
import io.github.wxlogin.server.web.PlatformCalls;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/me/channel/decrypt}: what the mini program encrypted with the user's encrypt key
 * ({@code wx.getUserCryptoManager}), opened with the same key as WeChat lists it ({@link ChannelService}).
 * It takes one of the user's decrypt permits first ({@link UserRateLimits}), as {@code /v1/me/decrypt} does.
 */
@RestController
class ChannelController {

    private final ChannelService channel;
    private final UserRateLimits limits;
    private final PlatformCalls platformCalls;

    ChannelController(ChannelService channel, UserRateLimits limits, PlatformCalls platformCalls) {
        this.channel = channel;
        this.limits = limits;
        this.platformCalls = platformCalls;
    }

    /** {@code version} is the key's version, as getLatestUserKey gave it. */
    record ChannelBody(String encryptedData, String iv, Long version) {

        /** Spring logs request bodies at DEBUG: the user's data stays out of it. */
        @Override
        public String toString() {
            return "ChannelBody[version=" + version + ", ***]";
        }
    }

    record ChannelJson(JsonNode data) {

        @Override
        public String toString() {
            return "ChannelJson[***]";
        }
    }

    @PostMapping(
            path = "/v1/me/channel/decrypt",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ChannelJson> decrypt(AccessClaims caller, @RequestBody ChannelBody body) {
        UserRateLimits.Permit permit = limits.admit(UserRateLimits.Call.DECRYPT, caller.userId());
        // WeChat's user encrypt keys, when not held yet: off the request threads (PlatformCalls).
        return platformCalls.call(
                () -> new ChannelJson(channel.decrypt(caller, body.encryptedData(), body.iv(), body.version())),
                permit::giveBack);
    }
}
