package io.github.wxlogin.core.opendata;

import io.github.wxlogin.core.crypto.Base64s;
import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.OpenDataException;
import io.github.wxlogin.core.crypto.Signatures;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/me/decrypt}: open data encrypted by WeChat under the user's session_key.
 *
 * <p>Decryption is strict ({@link OpenDataCipher}): a wrong key is detected, never handed back as
 * garbage. The current session_key is tried first; when it fails, the previous one, for a short grace
 * after it was replaced, because a later {@code wx.login} may rotate the key between the phone
 * encrypting and the server decrypting. When both fail the answer is {@code session_key_stale}: the
 * client logs in again and asks the user once more. The decrypted data must carry the caller's app
 * in its watermark. https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
 */
public final class OpenDataService {

    private static final Logger log = LoggerFactory.getLogger(OpenDataService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SessionKeyStore keys;
    private final SessionKeyVault vault;
    private final Duration previousKeyGrace;
    private final Clock clock;

    public OpenDataService(SessionKeyStore keys, SessionKeyVault vault, Duration previousKeyGrace, Clock clock) {
        this.keys = keys;
        this.vault = vault;
        this.previousKeyGrace = previousKeyGrace;
        this.clock = clock;
    }

    /** Decrypts, checks the watermark and, when given, the rawData signature; the data as JSON. */
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
        StoredSessionKeys stored = keys.find(caller.userId(), caller.appId())
                .orElseThrow(() -> stale("no session_key is stored for this user in this app"));
        for (String sessionKey : candidates(stored)) {
            byte[] key = Base64s.decodeLenient(sessionKey).orElseThrow();
            String text;
            try {
                text = OpenDataCipher.decrypt(key, ivBytes, data);
            } catch (OpenDataException e) {
                if (e.reason() == OpenDataException.Reason.MALFORMED) {
                    throw WxLoginException.invalidRequest("encryptedData or iv is malformed");
                }
                continue;
            }
            JsonNode json = parse(text);
            checkWatermark(json, caller.appId());
            if (rawData != null && !Signatures.matches(Signatures.rawDataSignature(rawData, sessionKey), signature)) {
                throw WxLoginException.invalidRequest("signature does not match rawData");
            }
            return json;
        }
        log.info("Open data did not decrypt under the session_keys of user={} app={}", caller.userId(), caller.appId());
        throw stale("the data does not decrypt under this user's session_key; log in again, then retry");
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

    private static JsonNode parse(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // fall through
        }
        throw WxLoginException.invalidRequest("the decrypted data is not a JSON object");
    }

    static void checkWatermark(JsonNode json, String appId) {
        JsonNode watermark = json.get("watermark");
        JsonNode app = watermark == null ? null : watermark.get("appid");
        if (app == null || !app.isString() || !app.asString().equals(appId)) {
            throw new WxLoginException(
                    ErrorCode.WATERMARK_MISMATCH, "the data's watermark names another app than this session's");
        }
    }

    private static WxLoginException stale(String detail) {
        return new WxLoginException(ErrorCode.SESSION_KEY_STALE, detail);
    }
}
