package io.github.wxlogin.core.channel;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.crypto.Base64s;
import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.OpenDataException;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformEncryptKey;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * {@code POST /v1/me/channel/decrypt}: what the mini program encrypted for the service with the user's
 * encrypt key ({@code wx.getUserCryptoManager().getLatestUserKey()}: {@code encryptKey}, {@code iv},
 * {@code version}). The service lists the same keys with WeChat's {@code getuserencryptkey} (the last
 * three, each living 3,600 s; signed with the user's session_key) and opens the data with the key of the
 * version the client names.
 *
 * <p>WeChat leaves the cipher to the developer ("由开发者自行引入加解密库"); the service's convention is
 * AES-128-CBC with PKCS#7 padding, key = base64-decoded {@code encryptKey} (16 bytes), iv = the 16 bytes
 * the client used: the key's own {@code iv} string as its ASCII bytes (16 characters), or any 16 bytes
 * sent as base64. The plaintext is UTF-8; a JSON object or array comes back as JSON, anything else as
 * a string.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/user-encryptkey.html
 *
 * <p>The key list is kept per identity briefly ({@link EncryptKeyCache}); a version it lacks is fetched
 * again once, but not more often than {@link #REFETCH_AFTER} per identity, so a client naming unknown
 * versions in a loop cannot drive WeChat calls. Keys appear in no answer and no log line.
 */
public final class ChannelService {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration REFETCH_AFTER = Duration.ofSeconds(10);
    private static final int IV_BYTES = 16;

    private final Apps apps;
    private final SessionKeyStore keys;
    private final SessionKeyVault vault;
    private final PlatformClient platform;
    private final EncryptKeyCache cache;
    private final Clock clock;

    public ChannelService(
            Apps apps,
            SessionKeyStore keys,
            SessionKeyVault vault,
            PlatformClient platform,
            Clock clock,
            Ticker ticker) {
        this.apps = apps;
        this.keys = keys;
        this.vault = vault;
        this.platform = platform;
        this.clock = clock;
        this.cache = new EncryptKeyCache(ticker);
    }

    /**
     * The decrypted data: JSON when it is a JSON object or array, else a JSON string.
     *
     * @throws WxLoginException {@code invalid_request} (bad base64 or lengths, an unknown or expired
     *     version, data that does not open under the version's key), {@code unsupported} (the app's
     *     platform has no such channel), {@code session_key_stale} (WeChat no longer holds the user's
     *     session_key: the keys cannot be listed until the user logs in again), {@code upstream_unavailable}
     */
    public JsonNode decrypt(AccessClaims caller, String encryptedData, String iv, Long version) {
        if (encryptedData == null || iv == null || version == null) {
            throw WxLoginException.invalidRequest("encryptedData, iv and version are required");
        }
        if (version < 0) {
            throw WxLoginException.invalidRequest("version must be a whole number, as getLatestUserKey gave it");
        }
        byte[] data = Base64s.decodeLenient(encryptedData)
                .orElseThrow(() -> WxLoginException.invalidRequest("encryptedData is not base64"));
        if (data.length == 0 || data.length % 16 != 0) {
            throw WxLoginException.invalidRequest("encryptedData must be whole 16-byte AES blocks");
        }
        byte[] ivBytes = ivBytes(iv);
        App app = apps.find(caller.appId())
                .orElseThrow(() -> new WxLoginException(ErrorCode.UNKNOWN_APP, "the token's app is not configured"));
        StoredSessionKeys stored = keys.find(caller.userId(), caller.appId())
                .orElseThrow(() -> new WxLoginException(
                        ErrorCode.SESSION_KEY_STALE,
                        "no session_key is held for this user in this app: log in again, then retry"));
        if (!stored.hasKey()) {
            throw new WxLoginException(
                    ErrorCode.UNSUPPORTED, "a " + app.platform().id() + " app has no encrypted network channel");
        }
        PlatformEncryptKey key = key(app, stored, version);
        byte[] keyBytes = Base64s.decodeLenient(key.encryptKey()).orElse(new byte[0]);
        if (keyBytes.length != 16) {
            log.error(
                    "WeChat gave an encrypt key that is not 16 bytes of base64 (app={}, version={})",
                    app.appId(),
                    version);
            throw new WxLoginException(ErrorCode.UPSTREAM_UNAVAILABLE, "WeChat gave an unusable encrypt key");
        }
        String text;
        try {
            text = OpenDataCipher.decrypt(keyBytes, ivBytes, data);
        } catch (OpenDataException e) {
            log.info(
                    "Channel data did not open under encrypt key version {} (user={}, app={})",
                    version,
                    caller.userId(),
                    app.appId());
            throw WxLoginException.invalidRequest("encryptedData does not open under encrypt key version " + version
                    + " (AES-128-CBC, PKCS#7, that key and this iv) as UTF-8 text");
        }
        return parsed(text);
    }

    /**
     * The version's key: from the cache, else listed afresh once; refused when WeChat does not list it. Every
     * listed key opens data, expired or not: WeChat lists the last three so that data encrypted with a key
     * just replaced still opens ("开发者可以比较version版本来选择使用对应的key").
     */
    private PlatformEncryptKey key(App app, StoredSessionKeys stored, long version) {
        Instant now = clock.instant();
        Optional<EncryptKeyCache.Listed> cached = cache.get(stored.appId(), stored.openid());
        Optional<PlatformEncryptKey> found = cached.flatMap(l -> l.version(version));
        boolean mayFetch =
                cached.isEmpty() || now.isAfter(cached.get().fetchedAt().plus(REFETCH_AFTER));
        if (found.isEmpty() && mayFetch) {
            String sessionKey = vault.open(stored.appId(), stored.openid(), stored.sealedCurrent());
            EncryptKeyCache.Listed listed =
                    new EncryptKeyCache.Listed(platform.userEncryptKeys(app, stored.openid(), sessionKey), now);
            cache.put(stored.appId(), stored.openid(), listed);
            found = listed.version(version);
            log.info(
                    "Encrypt keys of openid={} app={} listed: versions {}",
                    stored.openid(),
                    app.appId(),
                    listed.keys().stream().map(PlatformEncryptKey::version).toList());
        }
        if (found.isEmpty()) {
            long oldest = listed(stored).stream()
                    .mapToLong(PlatformEncryptKey::version)
                    .min()
                    .orElse(Long.MAX_VALUE);
            throw WxLoginException.invalidRequest(
                    version < oldest
                            ? "encrypt key version " + version + " has expired (it is older than the user's last three"
                                    + " keys): get the latest key with getLatestUserKey and encrypt again"
                            : "encrypt key version " + version
                                    + " is unknown to WeChat for this user: get the latest key"
                                    + " with getLatestUserKey and encrypt again");
        }
        return found.get();
    }

    private List<PlatformEncryptKey> listed(StoredSessionKeys stored) {
        return cache.get(stored.appId(), stored.openid())
                .map(EncryptKeyCache.Listed::keys)
                .orElse(List.of());
    }

    /** The key's own iv string (16 characters, used as its bytes), or base64 of 16 bytes. */
    private static byte[] ivBytes(String iv) {
        if (iv.length() == IV_BYTES && iv.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return iv.getBytes(StandardCharsets.US_ASCII);
        }
        byte[] decoded = Base64s.decodeLenient(iv)
                .orElseThrow(() ->
                        WxLoginException.invalidRequest("iv must be the key's 16-character iv, or base64 of 16 bytes"));
        if (decoded.length != IV_BYTES) {
            throw WxLoginException.invalidRequest("iv must be the key's 16-character iv, or base64 of 16 bytes");
        }
        return decoded;
    }

    private static JsonNode parsed(String text) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                JsonNode json = JSON.readTree(text);
                if (json != null && (json.isObject() || json.isArray())) {
                    return json;
                }
            } catch (JacksonException e) {
                // Not JSON after all: it is answered as the string it is.
            }
        }
        return StringNode.valueOf(text);
    }
}
