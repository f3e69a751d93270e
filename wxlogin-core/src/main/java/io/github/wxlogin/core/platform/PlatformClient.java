package io.github.wxlogin.core.platform;

import io.github.wxlogin.core.app.App;
import java.util.concurrent.CompletableFuture;

/**
 * The port a mini program platform's server plugs into: what the core asks of it, in the core's
 * terms. Each platform has one implementation (WeChat's is
 * {@code wechat.WeChatPlatform}); tests use an in-memory fake.
 *
 * <p>Every method either answers or throws a {@link PlatformException} that already carries the
 * contract's error code and detail for the client; an implementation logs its own refusals and
 * keeps its credentials, access tokens and the user's session_key out of every message.
 */
public interface PlatformClient {

    /** Trades a login code ({@code wx.login()}) for the user's openid, session_key and unionid. */
    PlatformSession exchangeCode(App app, String code);

    /**
     * {@link #exchangeCode} as a future that fails with the same {@link PlatformException}. A platform
     * reached over the network answers it without holding a thread while it waits (WeChat's does);
     * this default only runs the synchronous call on the caller's thread, which is fine for a fake
     * in memory and nothing else.
     */
    default CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        try {
            return CompletableFuture.completedFuture(exchangeCode(app, code));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The phone number behind a phone button's one-time code, for the user {@code openid} names in
     * the app: the platform is asked to refuse a code another user's button gave (WeChat checks it
     * when the openid is sent), so a code cannot bind someone else's number to the caller.
     */
    PlatformPhone phoneNumber(App app, String openid, String code);

    /** Whether the platform still holds this session_key for the user (WeChat's checksession). */
    boolean sessionKeyValid(App app, String openid, String sessionKey);

    /**
     * Whether the platform's phone button hands the mini program the number as {@code encryptedData}
     * and {@code iv} under the user's session_key (WeChat's base libraries before 2.21.2 do). Where it
     * does not, that form of {@code POST /v1/me/phone} is {@code unsupported}: no such data can be genuine.
     */
    default boolean offersEncryptedPhoneData(App app) {
        return true;
    }
}
