package io.github.wxlogin.core.opendata;

import io.github.wxlogin.core.crypto.Base64s;
import io.github.wxlogin.core.crypto.Signatures;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.sessionkey.SessionKeyCheck;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/me/decrypt}: open data encrypted by WeChat under the user's session_key.
 *
 * <p>Decryption is strict ({@link io.github.wxlogin.core.crypto.OpenDataCipher}, or the app's platform's
 * {@link OpenDataFormat}): a wrong key is detected, never handed back as
 * garbage. The current session_key is tried first; when it fails, the previous one, for a short grace
 * after it was replaced, because a later {@code wx.login} may rotate the key between the phone
 * encrypting and the server decrypting. The decrypted data must be a JSON object made for the
 * caller's app ({@link OpenDataOwner}: WeChat's watermark names it; a platform without one says its own
 * rule). https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
 *
 * <p>Every way the ciphertext can fail under a key (padding, UTF-8, not a JSON object, another app's
 * watermark) is one and the same answer, {@code session_key_stale} with one detail: the caller
 * controls the iv and the ciphertext, and an answer that told bad padding from good padding but bad
 * JSON would be a padding oracle (CBC malleability turns it into decrypting any block under the
 * user's key, and then into forging data that passes). A genuine client meets these failures only
 * through a stale key, and logging in again is the way out for that. Only what does not depend on
 * the key stays {@code invalid_request}: base64, lengths, and a rawData signature checked once the
 * data did decrypt.
 *
 * <p>With a {@link SessionKeyCheck} (WeChat's checksession), the platform is asked about the current key
 * once the data opened under none: a key it no longer holds is {@code session_key_stale} as a fact, a key
 * it holds makes the data another's ({@code invalid_request}), and no answer keeps the one answer above.
 * Nothing is asked on the way to a success.
 */
public final class OpenDataService {

    private static final Logger log = LoggerFactory.getLogger(OpenDataService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String STALE = "the data does not decrypt under this user's session_key; log in again, then retry";
    static final String STALE_CONFIRMED = "WeChat no longer holds the session_key this service has for the user:"
            + " log in again (wx.login, then POST /v1/auth/login), ask for the data again, then retry";
    static final String NOT_THIS_KEY = "encryptedData was not encrypted with this user's session_key, which WeChat"
            + " confirms is current: it was made for another user or app, under a key older than the last login,"
            + " or altered; get the data from WeChat again (no new login is needed)";

    private final SessionKeyStore keys;
    private final SessionKeyVault vault;
    private final Duration previousKeyGrace;
    private final Clock clock;
    private final OpenDataOwner owner;
    private final Function<String, OpenDataFormat> formats;
    private final SessionKeyCheck check;

    /**
     * WeChat's rules for every app: its cipher, the watermark names the app, and no platform is asked
     * about a key.
     */
    public OpenDataService(SessionKeyStore keys, SessionKeyVault vault, Duration previousKeyGrace, Clock clock) {
        this(
                keys,
                vault,
                previousKeyGrace,
                clock,
                OpenDataOwner.WATERMARK,
                appId -> OpenDataFormat.WECHAT,
                SessionKeyCheck.NONE);
    }

    /**
     * @param owner whether decrypted data was made for the caller's app: each platform's own check
     * @param formats the open-data format of each app (by appid): its platform's cipher (Baidu's differs)
     * @param check asked, once the data opened under none of the keys, whether the platform still holds
     *     the current one ({@link io.github.wxlogin.core.sessionkey.SessionKeyHealth}): it turns the one
     *     answer into a fact
     */
    public OpenDataService(
            SessionKeyStore keys,
            SessionKeyVault vault,
            Duration previousKeyGrace,
            Clock clock,
            OpenDataOwner owner,
            Function<String, OpenDataFormat> formats,
            SessionKeyCheck check) {
        this.keys = keys;
        this.vault = vault;
        this.previousKeyGrace = previousKeyGrace;
        this.clock = clock;
        this.owner = owner;
        this.formats = formats;
        this.check = check;
    }

    /**
     * Decrypts, checks the watermark and, when given, the rawData signature; the data as JSON. Any
     * failure under the keys is {@code session_key_stale}, with one detail whatever went wrong.
     */
    public JsonNode decrypt(AccessClaims caller, String encryptedData, String iv, String rawData, String signature) {
        if ((rawData == null) != (signature == null)) {
            throw WxLoginException.invalidRequest("rawData and signature go together");
        }
        byte[] data = Base64s.decodeLenient(encryptedData)
                .orElseThrow(() -> WxLoginException.invalidRequest("encryptedData is not base64"));
        byte[] ivBytes =
                Base64s.decodeLenient(iv).orElseThrow(() -> WxLoginException.invalidRequest("iv is not base64"));
        if (ivBytes.length != 16) {
            throw WxLoginException.invalidRequest("iv must be 16 bytes");
        }
        if (data.length == 0 || data.length % 16 != 0) {
            throw WxLoginException.invalidRequest("encryptedData must be whole 16-byte AES blocks");
        }
        StoredSessionKeys stored = keys.find(caller.userId(), caller.appId()).orElse(null);
        if (stored == null) {
            log.info("No session_key is stored for user={} app={}: open data refused", caller.userId(), caller.appId());
            throw stale();
        }
        if (!stored.hasKey()) {
            // The app's platform has no session key (Alipay): there is nothing its data could be under.
            throw new WxLoginException(
                    ErrorCode.UNSUPPORTED, "this app's platform has no session key, so it has no open data to decrypt");
        }
        OpenDataFormat format = formats.apply(caller.appId());
        for (String sessionKey : candidates(stored)) {
            byte[] key = Base64s.decodeLenient(sessionKey).orElseThrow();
            Optional<JsonNode> json = openedUnder(format, key, ivBytes, data, caller.appId(), stored.openid());
            if (json.isEmpty()) {
                continue;
            }
            if (rawData != null && !Signatures.matches(Signatures.rawDataSignature(rawData, sessionKey), signature)) {
                throw WxLoginException.invalidRequest("signature does not match rawData");
            }
            return json.get();
        }
        log.info("Open data did not open under the session_keys of user={} app={}", caller.userId(), caller.appId());
        throw refusal(check.check(stored));
    }

    /**
     * The answer once the data opened under no key, by what the platform says of the current key. It
     * depends on the stored key alone, never on the ciphertext, so it tells a caller nothing about the
     * data it sent (no padding oracle): every failure under one key is still one answer.
     */
    private static WxLoginException refusal(SessionKeyCheck.Verdict verdict) {
        return switch (verdict) {
            case STALE -> new WxLoginException(ErrorCode.SESSION_KEY_STALE, STALE_CONFIRMED);
            case VALID -> WxLoginException.invalidRequest(NOT_THIS_KEY);
            case UNKNOWN -> stale();
        };
    }

    /**
     * The data as this app's JSON object under one key, or empty: bad padding, bad UTF-8, not a JSON
     * object and another app's watermark (or, for Baidu, app key trailer) all come out the same, so no
     * caller learns which it was.
     */
    private Optional<JsonNode> openedUnder(
            OpenDataFormat format, byte[] key, byte[] iv, byte[] data, String appId, String openid) {
        return format.open(key, iv, data)
                .flatMap(OpenDataService::parse)
                .filter(json -> owner.owns(appId, openid, json));
    }

    /** The current key, then the previous one while its grace lasts. */
    private List<String> candidates(StoredSessionKeys stored) {
        List<String> out = new ArrayList<>(2);
        out.add(vault.open(stored.appId(), stored.openid(), stored.sealedCurrent()));
        boolean inGrace = !clock.instant().isAfter(stored.changedAt().plus(previousKeyGrace));
        if (inGrace) {
            stored.sealedPrevious().ifPresent(p -> out.add(vault.open(stored.appId(), stored.openid(), p)));
        }
        return out;
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The one answer to every decryption failure: it says nothing about why. */
    private static WxLoginException stale() {
        return new WxLoginException(ErrorCode.SESSION_KEY_STALE, STALE);
    }
}
