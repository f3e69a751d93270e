package io.github.wxlogin.core.platform;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.opendata.OpenDataFormat;
import io.github.wxlogin.core.opendata.OpenDataOwner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

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
     * Whether the app's platform has an anonymous login (Douyin's {@code anonymousCode}): a guest before
     * the user logs in to the host app. Those that have none refuse an anonymous code before anything is
     * claimed or called.
     */
    default boolean takesAnonymousCodes(App app) {
        return false;
    }

    /**
     * The login exchange of whatever the client's login gave ({@link LoginCodes}), as a future that fails
     * with a {@link PlatformException}. This default trades the login code alone
     * ({@link #exchangeCodeAsync}); a platform with an anonymous login answers the anonymous code too.
     */
    default CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes codes) {
        if (codes.anonymousCode().isPresent() || codes.code().isEmpty()) {
            return CompletableFuture.failedFuture(new PlatformException(
                    ErrorCode.UNSUPPORTED,
                    "app " + app.appId() + " is a " + app.platform().id() + " app, which has no anonymous login",
                    null,
                    false,
                    null));
        }
        return exchangeCodeAsync(app, codes.code().get()).thenApply(PlatformLogin::of);
    }

    /**
     * The phone number behind a phone button's one-time code, for the user {@code openid} names in
     * the app: the platform is asked to refuse a code another user's button gave (WeChat checks it
     * when the openid is sent), so a code cannot bind someone else's number to the caller.
     */
    PlatformPhone phoneNumber(App app, String openid, String code);

    /**
     * The phone number in a platform's own signed phone answer, as its client hands it to the mini program
     * (Alipay's {@code my.getPhoneNumber}: {@code response} and its {@code sign}): the signature checked
     * with the platform's key, then the number opened. A platform without such a form answers
     * {@code unsupported}.
     */
    default PlatformPhone phoneFromSignedResponse(App app, String response, String sign) {
        throw new PlatformException(
                ErrorCode.UNSUPPORTED,
                "this app's platform does not bind a phone number with {response, sign}",
                null,
                false,
                null);
    }

    /**
     * Whether the platform checks a stored session_key for this service ({@link #sessionKeyValid}), so a
     * caller can tell before it unseals the key to ask. This default is for a platform without the check
     * (every platform but WeChat's: some have none on the server, Alipay has no session key, QQ's needs an
     * access token the service does not hold); a platform that implements {@link #sessionKeyValid} says
     * {@code true} here.
     */
    default boolean checksSessionKeys(App app) {
        return false;
    }

    /**
     * Whether the platform still holds this session_key for the user (WeChat's checksession). This default
     * is for a platform that offers no such check ({@link #checksSessionKeys} is {@code false}): it answers
     * {@code unsupported}, which the caller takes as "nothing known".
     */
    default boolean sessionKeyValid(App app, String openid, String sessionKey) {
        throw new PlatformException(
                ErrorCode.UNSUPPORTED,
                "this app's platform has no session_key check this service calls",
                null,
                false,
                null);
    }

    /**
     * Whether the platform's phone button hands the mini program the number as {@code encryptedData}
     * and {@code iv} under the user's session_key (WeChat's base libraries before 2.21.2 do). Where it
     * does not, that form of {@code POST /v1/me/phone} is {@code unsupported}: no such data can be genuine.
     */
    default boolean offersEncryptedPhoneData(App app) {
        return true;
    }

    /**
     * The phone number in the phone button's {@code encryptedData} once decrypted (its owner checked as
     * open data's is), as the platform names its fields; empty when they are not there. WeChat's
     * {@code phoneNumber}, {@code purePhoneNumber} and {@code countryCode} are the default.
     */
    default Optional<PlatformPhone> phoneInOpenData(App app, JsonNode data) {
        return PlatformPhone.inOpenData(
                PlatformJson.textOrNumber(data, "phoneNumber"),
                PlatformJson.textOrNumber(data, "purePhoneNumber"),
                PlatformJson.textOrNumber(data, "countryCode"));
    }

    /**
     * Asks the platform for a new session_key for the user, proving the one held now ({@code sessionKey});
     * the new key. WeChat's {@code resetusersessionkey}; a platform without it answers {@code unsupported},
     * and a {@code sessionKey} the platform no longer holds is {@code session_key_stale}.
     */
    default String resetSessionKey(App app, String openid, String sessionKey) {
        throw new PlatformException(
                ErrorCode.UNSUPPORTED, "this app's platform cannot reset a session_key", null, false, null);
    }

    /**
     * The user's encrypt keys of the encrypted network channel, newest first, proving the session_key held
     * now. WeChat's {@code getuserencryptkey} (the last three); a platform without it answers
     * {@code unsupported}, and a {@code sessionKey} the platform no longer holds is {@code session_key_stale}.
     */
    default List<PlatformEncryptKey> userEncryptKeys(App app, String openid, String sessionKey) {
        throw new PlatformException(
                ErrorCode.UNSUPPORTED, "this app's platform has no encrypted network channel", null, false, null);
    }

    /**
     * How the platform encrypts the app's open data under the session key ({@code POST /v1/me/decrypt},
     * and the phone button's encryptedData): WeChat's AES-128 with PKCS#7 unless the platform has its own.
     */
    default OpenDataFormat openDataFormat(App app) {
        return OpenDataFormat.WECHAT;
    }

    /**
     * Whether data that decrypted under the session_key of {@code openid} in {@code app} (open data, the
     * phone button's encryptedData) was made for that app. WeChat's names its app in
     * {@code watermark.appid}, the default; a platform whose data carries no watermark overrides this.
     */
    default boolean openDataBelongs(App app, String openid, JsonNode data) {
        return OpenDataOwner.watermarkNames(data, app.appId());
    }

    /**
     * The circuit breakers guarding the calls to the platform's server ({@link PlatformCallGuard#circuits()}),
     * for metrics; none for a client that calls no server.
     */
    default Optional<CircuitBreakerRegistry> circuits() {
        return Optional.empty();
    }
}
